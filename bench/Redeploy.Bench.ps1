<#
.SYNOPSIS
    Cold build + deploy of a tree whose build hook takes ~3 s, against a redeploy of the unchanged
    tree (the slug is reused), on the local default. Goal: redeploy / cold under 0.2.
#>
param([int] $Runs = 3)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$figures = Invoke-DeployBench @('redeploy', $Runs)
[pscustomobject]@{
    Benchmark  = 'Redeploy of an unchanged tree vs cold build + deploy (build hook 3 s)'
    BaselineMs = $figures.ColdMs
    MeasuredMs = $figures.RedeployMs
    Ratio      = $figures.Ratio
    Goal       = 'ratio < 0.2'
    Met        = $figures.Ratio -lt 0.2
}
