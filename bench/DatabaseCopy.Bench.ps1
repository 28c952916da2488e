<#
.SYNOPSIS
    Copy-CloudDatabase with sanitizing against the raw pipe `mariadb-dump src | mariadb dst`, on the
    same sample store in the same run. Goal: at least 0.9 of the raw pipe's throughput.
.DESCRIPTION
    Makes a throw-away project on the local default, fills Production with Install-CloudSampleData
    (10,000 customers, 2,000 products, 50,000 orders by default: about 300 MB of SQL), then times,
    alternately, the raw pipe into a scratch database and Copy-CloudDatabase production -> staging
    (sanitized, as it is by default from Production; no snapshot). Both run against the project's
    private MariaDB server with the same client programs. It also dumps the store to a file once and
    measures the sanitizer alone on that real dump. The server is stopped and the project removed at the end.
#>
param(
    [int] $Customers = 10000,
    [int] $Products = 2000,
    [int] $Orders = 50000,
    [int] $Runs = 2,
    [string] $ModuleManifest = $(if ($env:MC_MODULE_MANIFEST) { $env:MC_MODULE_MANIFEST } else { Join-Path $PSScriptRoot '../out/MagentoCloud/0.1.0/MagentoCloud.psd1' })
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest -Force
$root = Join-Path ([IO.Path]::GetTempPath()) ("mc-copybench-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
$project = New-CloudProject -Path (Join-Path $root 'shop') -Confirm:$false
$mysql = Join-Path $project.Path '.magento/local/mysql'
try {
    Push-Location $project.Path
    $store = Install-CloudSampleData production -Customers $Customers -Products $Products -Orders $Orders -Confirm:$false
    Copy-CloudDatabase production staging -NoSnapshot -Confirm:$false | Out-Null # makes staging's database; warms the caches

    # The raw pipe, with the same server's credentials (in the environment, never on a command line).
    $server = Get-Content (Join-Path $mysql 'server.json') -Raw | ConvertFrom-Json
    $socket = Join-Path $mysql 'mariadbd.sock'
    $connection = if ($socket.Length -lt 100) { "--socket='$socket'" } else { "--host=127.0.0.1 --port=$($server.Port) --protocol=TCP" }
    $env:MYSQL_PWD = $server.Password
    & /bin/sh -c "mariadb $connection --user=magento -e 'CREATE DATABASE IF NOT EXISTS raw_target'"
    $rawPipe = "mariadb-dump $connection --user=magento --single-transaction --quick --no-tablespaces --routines --triggers --hex-blob --max-allowed-packet=1G env_production | mariadb $connection --user=magento --max-allowed-packet=1G raw_target"

    $raw = @(); $copy = @()
    for ($i = 0; $i -lt $Runs; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & /bin/sh -c "set -e; $rawPipe"
        if ($LASTEXITCODE -ne 0) { throw "the raw pipe failed ($LASTEXITCODE)" }
        $raw += $watch.Elapsed.TotalSeconds
        $result = Copy-CloudDatabase production staging -NoSnapshot -Confirm:$false
        $copy += $result.Duration.TotalSeconds
    }
    $bytes = $result.Bytes
    $rawMBps = $bytes / 1MB / ($raw | Measure-Object -Minimum).Minimum
    $copyMBps = $bytes / 1MB / ($copy | Measure-Object -Minimum).Minimum
    [pscustomobject]@{
        Benchmark    = "Copy-CloudDatabase, sanitized, vs raw pipe (sample store: $Customers customers, $Orders orders, $([Math]::Round($bytes / 1MB)) MB of SQL, $($result.Tables) tables)"
        BaselineMBps = [Math]::Round($rawMBps, 1)
        MeasuredMBps = [Math]::Round($copyMBps, 1)
        Ratio        = [Math]::Round($copyMBps / $rawMBps, 3)
        Goal         = '>= 0.9 of the raw pipe'
        Met          = ($copyMBps / $rawMBps) -ge 0.9
    }

    # The sanitizer alone on this real dump.
    $dump = Join-Path $root 'store.sql'
    & /bin/sh -c "mariadb-dump $connection --user=magento --single-transaction --quick --no-tablespaces --routines --triggers --hex-blob --max-allowed-packet=1G env_production > '$dump'"
    & (Join-Path $PSScriptRoot 'Sanitizer.Bench.ps1') -DumpFile $dump -Runs $Runs
}
finally {
    Remove-Item Env:MYSQL_PWD -ErrorAction SilentlyContinue
    Pop-Location
    $pidFile = Join-Path $mysql 'mariadbd.pid'
    if (Test-Path $pidFile) {
        $serverId = [int](Get-Content $pidFile -Raw).Trim()
        Stop-Process -Id $serverId -ErrorAction SilentlyContinue
        Wait-Process -Id $serverId -Timeout 60 -ErrorAction SilentlyContinue
    }
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}
