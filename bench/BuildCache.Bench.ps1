<#
.SYNOPSIS
    A composer build on the build host with an empty cache against a second build with the same
    composer.lock (packages from a loopback Composer repository the benchmark makes), medians.
    Goal: second at most 0.3x first. Needs composer and php on the build host (apt-get install composer).
#>
param([int] $Runs = 3)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$state = Start-BenchHosts
try { $figures = Invoke-DeployBench @('buildcache', $Runs) }
finally { Stop-BenchHosts $state }
[pscustomobject]@{
    Benchmark  = "Composer build of $($figures.Packages) packages: unchanged composer.lock vs empty cache"
    BaselineMs = $figures.FirstMs
    MeasuredMs = $figures.SecondMs
    Ratio      = $figures.Ratio
    Goal       = 'second <= 0.3x first'
    Met        = $figures.Ratio -le 0.3
}
