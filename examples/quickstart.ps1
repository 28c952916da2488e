<#
.SYNOPSIS
    Walks the Magento Commerce Cloud Pro workflow on the local default, as a new user meets it.
.DESCRIPTION
    Makes a project in -Path, deploys its environments, branches sprint-1 (deployed at once), pushes a
    change (build and deploy run by themselves, as on Magento Cloud), merges it up through master,
    staging and production (each merge deploys the parent; one build, reused), looks at the
    activities and releases, and rolls production back once. Each step prints what it gets, as a
    console would show it. Run it through ./build.sh quickstart, or directly after importing the module.
#>
param(
    [Parameter(Mandatory)]
    [string] $Path
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($env:MC_MODULE_MANIFEST) { Import-Module $env:MC_MODULE_MANIFEST } else { Import-Module MagentoCloud }
$started = [Diagnostics.Stopwatch]::StartNew()

# Shows objects as a console would, a table per type (a cmdlet may write an environment, then its deploy).
function Show {
    $input | Group-Object { $_.GetType().Name } | ForEach-Object { $_.Group | Format-Table | Out-Host }
}

function Step([string] $Title) {
    Write-Host ''
    Write-Host "── $Title " -ForegroundColor Cyan
}


Step 'Make the project (master, staging and production on the local default)'
$project = New-CloudProject -Path $Path -Title 'Quickstart shop' -Confirm:$false
$project | Show
Set-Location $project.Path
git config user.email 'quickstart@example.com'
git config user.name 'Quickstart'
Test-CloudProject | Show

Step 'The environments'
Get-CloudEnvironment | Show

Step 'Deploy them: the first build makes the slug, the others reuse it'
'master', 'staging', 'production' | ForEach-Object { Invoke-CloudDeploy -Environment $_ -Confirm:$false } | Show

Step 'Production gets a store that looks active (sample customers, products and orders)'
Install-CloudSampleData -Environment production -Customers 200 -Products 50 -Orders 400 -Confirm:$false | Show

Step 'Branch sprint-1 from master (deployed at once: master''s slug, reused)'
New-CloudBranch -Environment sprint-1 -Title 'Sprint 1' -Confirm:$false | Show

Step 'Change code on sprint-1 and push it (build and deploy run)'
git checkout --quiet -b sprint-1
Add-Content -Path pub/index.html -Value '<p>New in sprint 1: a faster checkout.</p>'
git add pub/index.html
git commit --quiet -m 'Sprint 1: faster checkout'
# The push writes its activity, then the deploy's.
Push-CloudBranch -Branch sprint-1 -Confirm:$false | Show
Invoke-CloudCommand -Environment sprint-1 -Command 'tail -n 1 pub/index.html' | Show

Step 'Data flows down: production''s database into sprint-1, customer data sanitized on the way'
Copy-CloudDatabase -Source production -Destination sprint-1 -Confirm:$false | Format-List Source, Destination, Status, Tables, Rows, Bytes, SanitizedColumns, StrippedTables, Duration | Out-Host

Step 'Change a store setting on sprint-1 and export the configuration into config.php'
Set-CloudConfig -Environment sprint-1 -Path general/locale/code -Value fr_CA -Scope Stores -ScopeCode french -Confirm:$false | Show
Export-CloudConfig -Environment sprint-1 -Mode Minimal -Confirm:$false | Show
git add app/etc/config.php
git commit --quiet -m 'Configuration: French store speaks Canadian French'
Push-CloudBranch -Branch sprint-1 -Confirm:$false | Show
Compare-CloudConfig -Environment sprint-1 -ReferenceEnvironment production | Show

Step 'Code flows up: sprint-1 into master, master into staging, staging into production (each merge deploys the parent)'
foreach ($environment in 'sprint-1', 'master', 'staging') {
    Merge-CloudBranch -Environment $environment -Confirm:$false | Show
}
Step 'One build, reused: the slug of the merged tree'
Invoke-CloudBuild -Environment production -Confirm:$false | Show
Get-CloudConfig -Environment production -Path general/locale/code | Show

Step 'What happened: the activities, the last deploy step by step, and the releases'
Get-CloudActivity -Last 12 | Show
(Get-CloudActivity -Environment production | Where-Object { $_.Steps.Count -gt 0 } | Sort-Object CreatedAt | Select-Object -Last 1).Steps |
    Format-Table | Out-Host
Get-CloudRelease -Environment production | Show

Step 'Before launch: a snapshot of production, the go-live checklist, and a report page'
New-CloudSnapshot -Environment production -Confirm:$false | Show
Test-CloudGoLive | Show
Export-CloudReport -Path (Join-Path $project.Path '.magento/local/report.html') -Confirm:$false | Show

Step 'Roll production back once (code only; the database stays as it is)'
Undo-CloudDeploy -Environment production -Confirm:$false | Show
Get-CloudRelease -Environment production | Show
Get-CloudEnvironment | Show

Step 'The store is live: each environment answers at its URL (open them in a browser)'
$pages = foreach ($environment in Get-CloudEnvironment | Where-Object { $_.Status -eq 'Active' -and $_.Url }) {
    # *.localhost is loopback (browsers know it); ask 127.0.0.1 with the environment's Host header.
    $url = [uri] $environment.Url
    $response = Invoke-WebRequest -Uri "http://127.0.0.1:$($url.Port)$($url.PathAndQuery)" -Headers @{ Host = $url.Authority } `
        -SkipHttpErrorCheck -TimeoutSec 10
    [pscustomobject]@{
        Environment = $environment.Name
        Status      = [int] $response.StatusCode
        Title       = if ($response.Content -match '<title>(.*?)</title>') { $Matches[1] } else { '' }
        Url         = $environment.Url
    }
}
$pages | Format-Table -AutoSize | Out-String -Width 200 | Out-Host

$activities = @(Get-CloudActivity -All)
$failed = @($activities | Where-Object Result -eq 'Failure') + @($pages | Where-Object Status -ne 200)
Write-Host ''
Write-Host "The project's MariaDB, nginx and PHP-FPM keep running for later commands and your browser."
Write-Host ("Stop them with: Stop-CloudLocalRuntime -ProjectPath '{0}' (start them again with Start-CloudLocalRuntime)" -f $project.Path)
Write-Host ("Quickstart finished in {0:N1} s: {1} environments, {2} activities, {3} failed; project at {4}" -f
    $started.Elapsed.TotalSeconds, @(Get-CloudEnvironment).Count, $activities.Count, $failed.Count, $project.Path)
if ($failed.Count -gt 0) { exit 1 }
