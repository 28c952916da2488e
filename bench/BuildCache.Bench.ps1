<#
.SYNOPSIS
    A composer build on the build host with an empty cache against a second build with the same
    composer.lock (packages from a loopback Composer repository the benchmark makes), best of the runs.
    Goal: second at most 0.3x first. Needs composer and php on the build host (apt-get install composer).
    Two package sets: 6 packages of one 2 MiB file each, and the same with 1,500 small PHP files each
    (a real package is mostly small source files: what unpacking costs).
#>
param([int] $Runs = 3, [int[]] $SourceFiles = @(0, 1500))
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$state = Start-BenchHosts
try {
    foreach ($files in $SourceFiles) {
        $figures = Invoke-DeployBench @('buildcache', $Runs, $files)
        [pscustomobject]@{
            Benchmark  = "Composer build of $($figures.Packages) packages ($($figures.SourceFiles) source files each): unchanged composer.lock vs empty cache"
            BaselineMs = [Math]::Round($figures.FirstMs, 1)
            MeasuredMs = [Math]::Round($figures.SecondMs, 1)
            Ratio      = $figures.Ratio
            Goal       = 'second <= 0.3x first'
            Met        = $figures.Ratio -le 0.3
        }
    }
}
finally { Stop-BenchHosts $state }
