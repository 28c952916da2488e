<#
.SYNOPSIS
    The dump sanitizer alone, on one core, over a ~1 GB synthetic store dump, against a plain
    stream copy of the same file in the same run. Goal: at least 250 MB/s.
.DESCRIPTION
    Runs bench/SanitizerBench (a console program over the engine, outside the solution), which
    writes the dump to a temporary file, copies it (baseline), sanitizes it with the built-in rules,
    and prints its figures. -Rules none measures the tokenizer without any column rule.
#>
param(
    [int] $SizeMB = 1024,
    # A real dump to measure instead of the synthetic one (DatabaseCopy.Bench.ps1 passes the sample store's).
    [string] $DumpFile,
    [int] $Runs = 3,
    [ValidateSet('builtin', 'none')] [string] $Rules = 'builtin'
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'SanitizerBench'
$size = if ($DumpFile) { $DumpFile } else { "$SizeMB" }
$output = & dotnet run -c Release --project $project -- $size $Runs $Rules
if ($LASTEXITCODE -ne 0) { throw "SanitizerBench exited $LASTEXITCODE" }
$figures = $output | Select-Object -Last 1 | ConvertFrom-Json
[pscustomobject]@{
    Benchmark    = "Sanitize $(if ($DumpFile) { 'sample store' } else { 'synthetic' }) dump ($([Math]::Round($figures.Bytes / 1MB)) MB, rules: $Rules)"
    BaselineMBps = $figures.BaselineMBps
    MeasuredMBps = $figures.MeasuredMBps
    MBPerCpuSecond = $figures.MeasuredCpuMBps
    Ratio        = $figures.Ratio
    Goal         = '>= 250 MB/s on one core'
    Met          = $figures.MeasuredMBps -ge 250
}
