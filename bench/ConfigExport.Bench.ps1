<#
.SYNOPSIS
    Export-CloudConfig -Mode All (the engine's export) on a database with 50,000 core_config_data
    rows, against mariadb-dump of the same table in the same run. Goal: the export under 1 s.
#>
param([int] $Rows = 50000, [int] $Runs = 5)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'ConfigExportBench/ConfigExportBench.csproj'
& dotnet build $project -c Release --nologo -v quiet | Out-Null
if ($LASTEXITCODE -ne 0) { throw "building $project failed" }
$output = & dotnet run --project $project -c Release --no-build -- $Rows $Runs
if ($LASTEXITCODE -ne 0) { throw "the benchmark driver failed: $output" }
$figures = ($output | Select-Object -Last 1) | ConvertFrom-Json
[pscustomobject]@{
    Benchmark   = "Export-CloudConfig -Mode All ($($figures.Rows) settings)"
    BaselineMs  = $figures.DumpMs
    MeasuredMs  = $figures.ExportMs
    ColdMs      = $figures.ExportColdMs
    Ratio       = [Math]::Round($figures.ExportMs / $figures.DumpMs, 2)
    Goal        = 'export < 1000 ms'
    Met         = $figures.ExportMs -lt 1000
}
