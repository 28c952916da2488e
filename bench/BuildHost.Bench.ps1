<#
.SYNOPSIS
    A ~20,000-file slug to three SSH hosts: sent host to host by the build host against sent from this
    machine (the UploadRelease step: send and unpack), best of the runs. Goal: build host at most 0.6x.
    UnpackOnlyMs: the same step when every host holds the slug (unpacking only), the floor of any transfer.
#>
param([int] $Runs = 5, [int] $Files = 20000)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$state = Start-BenchHosts
try { $figures = Invoke-DeployBench @('buildhost', $Runs, $Files) }
finally { Stop-BenchHosts $state }
[pscustomobject]@{
    Benchmark  = "A $($figures.Files)-file slug to three hosts: from the build host vs from this machine"
    BaselineMs = [Math]::Round($figures.FromThisMachineMs, 1)
    MeasuredMs = [Math]::Round($figures.FromBuildHostMs, 1)
    Ratio      = $figures.Ratio
    UnpackOnlyMs = [Math]::Round($figures.UnpackOnlyMs, 1)
    UnpackOnlyRatio = $figures.UnpackOnlyRatio
    Goal       = 'build host <= 0.6x this machine'
    Met        = $figures.Ratio -le 0.6
}
