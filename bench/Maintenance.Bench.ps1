<#
.SYNOPSIS
    The maintenance window of a deploy (var/.maintenance.flag on to off) minus the deploy hook's own
    time (a 0.5 s hook), on the local default and on the three test SSH hosts (-LocalOnly skips those).
    Goal: under 200 ms.
#>
param([int] $Runs = 5, [switch] $LocalOnly)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$rows = @(Invoke-DeployBench @('maintenance', $Runs))
if (-not $LocalOnly) {
    $state = Start-BenchHosts
    try { $rows += Invoke-DeployBench @('maintenance', $Runs, 'ssh') }
    finally { Stop-BenchHosts $state }
}
foreach ($figures in $rows) {
    [pscustomobject]@{
        Benchmark  = "Maintenance window minus deploy hook ($($figures.Hosts) host$(if ($figures.Hosts -gt 1) { 's, SSH' } else { ', local' }))"
        BaselineMs = $figures.HookMs
        MeasuredMs = $figures.WindowMs
        OverheadMs = $figures.OverheadMs
        Goal       = 'window - hook < 200 ms'
        Met        = $figures.OverheadMs -lt 200
    }
}
