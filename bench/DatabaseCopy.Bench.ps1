<#
.SYNOPSIS
    Copy-CloudDatabase with sanitizing against two baselines on the same sample store in the same run:
    the raw pipe `mariadb-dump src | mariadb dst`, and mydumper then myloader with as many threads as
    the copy's streams. Goals: at least 1.5x the raw pipe and at least 1.0x mydumper/myloader.
.DESCRIPTION
    Makes a throw-away project on the local default, fills Production with Install-CloudSampleData
    (5,000 customers, 2,000 products, 25,000 orders by default: about 150 MB of SQL), then times, in
    turn, the raw pipe into a scratch database, mydumper/myloader (through a dump folder, as they
    work) into another, and Copy-CloudDatabase production -> staging -ThrottleLimit $Threads
    (sanitized, as it is by default from Production; no snapshot). All run against the project's
    private MariaDB server with the same client programs; mydumper is installed with apt-get when
    missing. Best of $Runs runs each; the copy's slowest streams are printed from its notes. It also
    dumps the store to a file once and measures the sanitizer alone on that real dump. The server is
    stopped and the project removed at the end.
#>
param(
    [int] $Customers = 5000,
    [int] $Products = 2000,
    [int] $Orders = 25000,
    [int] $Threads = 2,
    [int] $Runs = 2,
    [string] $ModuleManifest = $(if ($env:MC_MODULE_MANIFEST) { $env:MC_MODULE_MANIFEST } else { Join-Path $PSScriptRoot '../out/MagentoCloud/0.1.0/MagentoCloud.psd1' })
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command myloader -ErrorAction SilentlyContinue)) {
    Write-Host 'Installing mydumper (the second baseline) with apt-get'
    & /bin/sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q mydumper >/dev/null'
    if ($LASTEXITCODE -ne 0) { throw "apt-get install mydumper failed ($LASTEXITCODE); install it (Debian package mydumper) and run again" }
}
Import-Module $ModuleManifest -Force
$root = Join-Path ([IO.Path]::GetTempPath()) ("mc-copybench-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
$project = New-CloudProject -Path (Join-Path $root 'shop') -Confirm:$false
$mysql = Join-Path $project.Path '.magento/local/mysql'
try {
    Push-Location $project.Path
    $store = Install-CloudSampleData production -Customers $Customers -Products $Products -Orders $Orders -Confirm:$false
    Copy-CloudDatabase production staging -NoSnapshot -Confirm:$false | Out-Null # makes staging's database; warms the caches

    # The baselines, with the same server's credentials (in the environment, never on a command line).
    $server = Get-Content (Join-Path $mysql 'server.json') -Raw | ConvertFrom-Json
    $socket = Join-Path $mysql 'mariadbd.sock'
    $useSocket = $socket.Length -lt 100
    $connection = if ($useSocket) { "--socket='$socket'" } else { "--host=127.0.0.1 --port=$($server.Port) --protocol=TCP" }
    $myConnection = if ($useSocket) { "--socket '$socket'" } else { "--host 127.0.0.1 --port $($server.Port)" }
    $env:MYSQL_PWD = $server.Password
    & /bin/sh -c "mariadb $connection --user=magento -e 'CREATE DATABASE IF NOT EXISTS raw_target; CREATE DATABASE IF NOT EXISTS myloader_target'"
    $rawPipe = "mariadb-dump $connection --user=magento --single-transaction --quick --no-tablespaces --routines --triggers --hex-blob --max-allowed-packet=1G env_production | mariadb $connection --user=magento --max-allowed-packet=1G raw_target"
    $folder = Join-Path $root 'mydumper'
    $myPipe = "rm -rf '$folder' && mydumper $myConnection --user magento --database env_production --threads $Threads --triggers --routines --events --outputdir '$folder' && " +
              "myloader $myConnection --user magento --database myloader_target --threads $Threads --overwrite-tables --directory '$folder'"

    $raw = @(); $my = @(); $copy = @()
    for ($i = 0; $i -lt $Runs; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & /bin/sh -c "set -e; $rawPipe"
        if ($LASTEXITCODE -ne 0) { throw "the raw pipe failed ($LASTEXITCODE)" }
        $raw += $watch.Elapsed.TotalSeconds
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & /bin/sh -c "set -e; $myPipe"
        if ($LASTEXITCODE -ne 0) { throw "mydumper/myloader failed ($LASTEXITCODE)" }
        $my += $watch.Elapsed.TotalSeconds
        $result = Copy-CloudDatabase production staging -NoSnapshot -ThrottleLimit $Threads -Confirm:$false
        $copy += $result.Duration.TotalSeconds
    }
    $bytes = $result.Bytes
    $rawBest = ($raw | Measure-Object -Minimum).Minimum
    $myBest = ($my | Measure-Object -Minimum).Minimum
    $copyBest = ($copy | Measure-Object -Minimum).Minimum
    $store = "sample store: $Customers customers, $Orders orders, $([Math]::Round($bytes / 1MB)) MB of SQL, $($result.Tables) tables"
    function Compare-Copy([string] $Against, [double] $BaselineSec, [double] $Goal) {
        [pscustomobject]@{
            Benchmark   = "Copy-CloudDatabase -ThrottleLimit $Threads, sanitized, vs $Against"
            BaselineSec = [Math]::Round($BaselineSec, 2)
            MeasuredSec = [Math]::Round($copyBest, 2)
            Ratio       = [Math]::Round($BaselineSec / $copyBest, 3)
            Goal        = ">= $($Goal)x"
            Met         = ($BaselineSec / $copyBest) -ge $Goal
        }
    }
    Compare-Copy "raw pipe ($store)" $rawBest 1.5
    Compare-Copy "mydumper/myloader --threads $Threads (not sanitized)" $myBest 1.0
    Write-Host "Runs (s): raw pipe $($raw -join ', '); mydumper/myloader $($my -join ', '); copy $($copy -join ', ')"
    Write-Host "Copy notes: $($result.Notes -join ' | ')"

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
