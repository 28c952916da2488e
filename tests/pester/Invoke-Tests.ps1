<#
.SYNOPSIS
    Runs every Pester test under tests/pester against the built module and writes "passed failed".
#>
param(
    [Parameter(Mandatory)]
    [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $env:MC_PESTER_MANIFEST -MinimumVersion 5.0

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.Exit = $false
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'

$result = Invoke-Pester -Configuration $configuration
"$($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)" |
    Set-Content -Path $ResultFile
if ($result.Result -ne 'Passed' -or $result.PassedCount -eq 0) { exit 1 }
