<#
.SYNOPSIS
    Runs the benchmarks under bench/ (every *.Bench.ps1, or those named) and prints their figures.
.DESCRIPTION
    Each benchmark measures its subject and a baseline in the same run, and prints both with their
    ratio, so the figures are comparable on any machine. Run through ./build.sh bench [Name ...].
#>
param(
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $Name = @()
)
$ErrorActionPreference = 'Stop'
$benchmarks = Get-ChildItem -Path $PSScriptRoot -Filter '*.Bench.ps1' | Sort-Object Name
if ($Name) { $benchmarks = $benchmarks | Where-Object { $Name -contains ($_.BaseName -replace '\.Bench$') } }
foreach ($benchmark in $benchmarks) {
    Write-Host "### $($benchmark.BaseName -replace '\.Bench$')"
    & $benchmark.FullName | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}
