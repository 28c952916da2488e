#Requires -Version 7.2
<#
    The user's path at the end: tab completion, the report page and the go-live check, used as a
    person would in a console.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    Invoke-CloudDeploy staging -Confirm:$false | Out-Null
    Invoke-CloudDeploy production -Confirm:$false | Out-Null
    function script:Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Tab completion' {
    It 'completes environment names of the current project' {
        Complete 'Invoke-CloudDeploy -Environment ' | Should -Be @('master', 'production', 'staging')
        Complete 'Get-CloudRelease pro' | Should -Be 'production'
    }

    It 'completes activity ids newest first and release ids of the named environment' {
        $ids = Complete 'Get-CloudActivity -Id '
        $ids[0] | Should -Be (Get-CloudActivity -Last 1).Id
        Complete 'Undo-CloudDeploy -Environment production -Release ' | Should -Be (Get-CloudRelease production).Id
    }
}

Describe 'Export-CloudReport' {
    It 'writes one self-contained page and returns what it holds' {
        $path = Join-Path $Root 'report.html'
        $report = Export-CloudReport -Path $path -Last 2
        $report.Path | Should -Be $path
        $report.Environments | Should -Be 3
        $report.Activities | Should -Be 2
        $report.Deploys | Should -Be 2
        $report.Bytes | Should -Be (Get-Item $path).Length
        $html = Get-Content -Raw $path
        $html | Should -Match '<svg class="deploy-chart"'
        $html | Should -Not -Match '<script|<link|<img'
        # Each environment's address: its routes resolved for it.
        $production = Get-CloudEnvironment production
        $production.Urls.Count | Should -Be 1
        $production.Urls[0] | Should -Match '^http://production\.'
        $html | Should -Match ([regex]::Escape($production.Urls[0]))
        ($report | Format-Table | Out-String) | Should -Match 'Deploys'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $Root 'whatif.html'
        Export-CloudReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Test-CloudGoLive' {
    It 'passes the deployments of a deployed project and asks for a recent snapshot until one is taken' {
        $findings = Test-CloudGoLive
        $findings.Code | Should -Not -Contain 'GoLiveNotDeployed'
        $findings.Code | Should -Contain 'GoLiveNoRecentSnapshot'
        New-CloudSnapshot -Environment production -Confirm:$false | Out-Null
        (Test-CloudGoLive).Code | Should -Not -Contain 'GoLiveNoRecentSnapshot'
    }

    It 'fails while production does not answer on its route, and passes once its runtime runs again' {
        (Test-CloudGoLive).Code | Should -Not -Contain 'GoLiveNotAnswering'
        (Get-CloudEnvironment production -IncludeRuntime).Serving['local'] | Should -BeTrue
        Stop-CloudEnvironmentRuntime production -Confirm:$false | Out-Null
        (Get-CloudEnvironment production -IncludeRuntime).Serving['local'] | Should -BeFalse
        (Get-CloudEnvironment production).Serving | Should -BeNullOrEmpty
        $silent = Test-CloudGoLive | Where-Object Code -EQ 'GoLiveNotAnswering'
        $silent.Severity | Should -Be 'Error'
        $silent.Message | Should -Match ([regex]::Escape((Get-CloudEnvironment production).Urls[0]))
        Start-CloudEnvironmentRuntime production | Out-Null
        (Test-CloudGoLive).Code | Should -Not -Contain 'GoLiveNotAnswering'
    }

    It 'returns a bool with -Quiet and false once env.php is committed' {
        Set-Content app/etc/env.php "<?php return [];"
        git add -f app/etc/env.php 2>$null; git -c user.name=t -c user.email=t@example.com commit -q -m 'env.php' 2>$null
        (Test-CloudGoLive -Quiet) | Should -BeFalse
        (Test-CloudGoLive).Code | Should -Contain 'GoLiveEnvPhpTracked'
    }
}
