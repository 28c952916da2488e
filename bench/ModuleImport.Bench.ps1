<#
.SYNOPSIS
    Import-Module MagentoCloud in a fresh pwsh, against a bare fresh pwsh in the same run.
    Goal: the import adds under 100 ms.
#>
param([int] $Runs = 10)
. (Join-Path $PSScriptRoot 'Measure.ps1')
$manifest = $env:MC_MODULE_MANIFEST
$bare = Measure-Median -Runs $Runs { Invoke-FreshPwsh 'exit 0' }
$import = Measure-Median -Runs $Runs { Invoke-FreshPwsh "Import-Module '$manifest'; exit 0" }
[pscustomobject]@{
    Benchmark        = 'Import-Module MagentoCloud'
    BaselineMs       = $bare
    MeasuredMs       = $import
    AddedMs          = [Math]::Round($import - $bare, 1)
    Ratio            = [Math]::Round($import / $bare, 2)
    Goal             = 'added < 100 ms'
    Met              = ($import - $bare) -lt 100
}
