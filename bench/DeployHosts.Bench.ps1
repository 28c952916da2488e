<#
.SYNOPSIS
    Deploy of a ~20,000-file slug to three SSH hosts against one host, alternating, medians.
    Goal: three hosts under 1.3x one. Uses the running test services, or starts tests/infra itself.
#>
param([int] $Runs = 3, [int] $Files = 20000)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$state = Start-BenchHosts
try {
    $figures = Invoke-DeployBench @('hosts', $Runs, $Files)
}
finally {
    Stop-BenchHosts $state
}
[pscustomobject]@{
    Benchmark  = "Deploy of a $($figures.Files)-file slug: three SSH hosts vs one"
    BaselineMs = $figures.OneHostMs
    MeasuredMs = $figures.ThreeHostsMs
    Ratio      = $figures.Ratio
    Goal       = 'three < 1.3x one'
    Met        = $figures.Ratio -lt 1.3
}
