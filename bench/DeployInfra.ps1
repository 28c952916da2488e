# Shared by the deploy benchmarks that need SSH hosts (dot-sourced): uses the running test services
# (MC_TEST_SSH_* set), or starts tests/infra for the run and stops it afterwards.

function Start-BenchHosts {
    if ($env:MC_TEST_SSH_HOSTS) { return $null }
    # The three "hosts" share this machine's one disk; in memory, the figures are the deploy's, not that disk's.
    $base = if (Test-Path /dev/shm) { '/dev/shm' } else { [IO.Path]::GetTempPath() }
    $state = Join-Path $base ("mc-bench-hosts-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    & bash (Join-Path $PSScriptRoot '../tests/infra/start.sh') $state | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "tests/infra/start.sh exited $LASTEXITCODE" }
    foreach ($line in Get-Content (Join-Path $state 'services.env')) {
        if ($line -match "^export (MC_TEST_[A-Z_]+)='(.*)'$") {
            [Environment]::SetEnvironmentVariable($Matches[1], $Matches[2].Replace("'\''", "'"))
        }
    }
    return $state
}

function Stop-BenchHosts([string] $State) {
    if (-not $State) { return }
    & bash (Join-Path $PSScriptRoot '../tests/infra/stop.sh') $State | Out-Host
    Get-ChildItem Env:MC_TEST_* | ForEach-Object { Remove-Item "Env:$($_.Name)" }
    Remove-Item -Recurse -Force $State -ErrorAction SilentlyContinue
}

# Runs bench/DeployBench with the arguments given; returns its figures (the last line, JSON).
function Invoke-DeployBench([string[]] $Arguments) {
    $project = Join-Path $PSScriptRoot 'DeployBench'
    $output = & dotnet run -c Release --project $project -- @Arguments
    if ($LASTEXITCODE -ne 0) { throw "DeployBench $Arguments exited $LASTEXITCODE" }
    return $output | Select-Object -Last 1 | ConvertFrom-Json
}
