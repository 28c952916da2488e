#Requires -Version 7.2
<#
    Build and deploy used as a person would, on the local default: build, deploy, pipe the active
    environments into a deploy, list releases, roll back, run commands, and push code that deploys itself.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    # A process that still runs (a zombie waiting for its parent to read its status does not).
    function script:Test-Running([int] $Id) {
        $state = ps -o stat= -p $Id 2>$null
        [bool]$state -and -not "$state".Trim().StartsWith('Z')
    }
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-deploy-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    git config user.email 'pester@example.com'
    git config user.name 'Pester'
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Invoke-CloudBuild' {
    It 'builds a slug once and reuses it for the same tree' {
        $first = Invoke-CloudBuild -Environment master -Confirm:$false
        $first.GetType().FullName | Should -Be 'MagentoCloud.Engine.Build.CloudSlug'
        $first.TreeId | Should -Match '^[0-9a-f]{40}$'
        $again = Invoke-CloudBuild -Environment master -Confirm:$false
        $again.Reused | Should -BeTrue
        $again.Id | Should -Be $first.Id
        (Invoke-CloudBuild -Environment master -Force -Confirm:$false).Reused | Should -BeFalse
    }
}

Describe 'Invoke-CloudDeploy' {
    It 'deploys master as a successful activity with its steps and records the deployed commit' {
        $activity = Invoke-CloudDeploy -Environment master -Confirm:$false
        $activity.GetType().FullName | Should -Be 'MagentoCloud.Engine.Environments.CloudActivity'
        $activity.Result | Should -Be 'Success'
        $activity.Steps.Name | Should -Contain 'SwitchCurrentRelease'
        $master = Get-CloudEnvironment master
        $master.DeployedCommit | Should -Be $master.HeadCommit
    }

    It 'gives the application its own local database, and never logs the password' {
        $relationships = Invoke-CloudCommand -Environment master -Command 'printf %s "$MAGENTO_CLOUD_RELATIONSHIPS" | base64 -d'
        $database = ($relationships.Output | ConvertFrom-Json).database[0]
        $database.path | Should -Be 'env_master'
        $database.host | Should -Be '127.0.0.1'
        $database.password | Should -Not -BeNullOrEmpty
        (Get-CloudActivity -Environment master | Out-String -Width 500) | Should -Not -Match ([regex]::Escape($database.password))
        ((Get-CloudActivity -Environment master).Log -join "`n") | Should -Not -Match ([regex]::Escape($database.password))
    }

    It 'deploys every active environment from the pipeline' {
        $activities = Get-CloudEnvironment -Status Active | Invoke-CloudDeploy -Confirm:$false
        $activities.Environment | Sort-Object | Should -Be @('master', 'production', 'staging')
        ($activities | Where-Object Result -ne 'Success') | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        $before = @(Get-CloudRelease -Environment staging).Count
        Invoke-CloudDeploy -Environment staging -WhatIf
        @(Get-CloudRelease -Environment staging).Count | Should -Be $before
    }

    It 'refuses an inactive environment with a precise error' {
        New-CloudBranch -Environment sleeping -Inactive -Confirm:$false | Out-Null
        { Invoke-CloudDeploy -Environment sleeping -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentInactive*'
    }
}

Describe 'Get-CloudRelease and Undo-CloudDeploy' {
    It 'lists the releases with the live one marked' {
        $releases = Get-CloudRelease -Environment master
        $releases.Count | Should -BeGreaterOrEqual 2
        @($releases | Where-Object IsCurrent).Count | Should -Be 1
        $releases[0].Host | Should -Be 'local'
    }

    It 'rolls back to the previous release, marks the abandoned one bad, and says the database stays' {
        $live = (Get-CloudRelease -Environment master | Where-Object IsCurrent).Id
        $undo = Undo-CloudDeploy -Environment master -Confirm:$false -WarningVariable warnings 3>$null
        $undo.Result | Should -Be 'Success'
        ($warnings -join ' ') | Should -Match 'database was not rolled back'
        $releases = Get-CloudRelease -Environment master
        ($releases | Where-Object Id -eq $live).IsBad | Should -BeTrue
        ($releases | Where-Object IsCurrent).Id | Should -Not -Be $live
    }
}

Describe 'Hostile release ids' {
    It 'never runs a release id given to -Release or read back from a host' {
        $proof = Join-Path $Root 'p'
        $hostile = "x;touch $proof;"
        $file = Join-Path $Project.Path '.magento/local/environments/master/releases.json'
        $releases = @(Get-Content -Raw $file | ConvertFrom-Json)
        $releases += [pscustomobject]@{ Id = $hostile; Commit = '0' * 40; SlugId = 's'; CreatedAt = [DateTimeOffset]::Now.AddDays(-30); IsBad = $false }
        ConvertTo-Json -InputObject $releases | Set-Content $file

        { Undo-CloudDeploy -Environment master -Release $hostile -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument*'
        (Get-CloudRelease -Environment master).Id | Should -Not -Contain $hostile
        (Invoke-CloudDeploy -Environment master -Confirm:$false).Result | Should -Be 'Success'
        Test-Path $proof | Should -BeFalse
    }
}

Describe 'A deploy whose process is killed outright' {
    It 'leaves the live release serving; the next deploy ends the abandoned hook, turns maintenance off, frees the environment, recovers the lock, and says so' {
        # The deploy hook waits while a flag file exists, so the deploying pwsh can be killed inside it.
        # It records its own pid and its child's, to see whether they outlive the deploy.
        $slow = Join-Path $Root 'slow'
        $started = Join-Path $Root 'hook-started'
        $hookPid = Join-Path $Root 'hook.pid'
        $childPid = Join-Path $Root 'hook-child.pid'
        git checkout --quiet master
        $app = Get-Content -Raw .magento.app.yaml
        $hook = "if [ -e '$slow' ]; then echo `$`$ > '$hookPid'; sleep 120 & echo `$! > '$childPid'; touch '$started'; wait; fi"
        # In a -replace substitution '$$' stands for one '$'.
        Set-Content -Path .magento.app.yaml -Value ($app -replace '(?m)^(\s+)deploy: \|\r?\n', ("`$0`$1    " + $hook.Replace('$', '$$') + "`n")) -NoNewline
        git commit --quiet -am 'Deploy hook that can wait'
        Push-CloudBranch -Branch master -NoDeploy -Confirm:$false | Out-Null
        $live = (Get-CloudRelease -Environment master | Where-Object IsCurrent).Id
        New-Item -ItemType File -Path $slow | Out-Null

        $launcher = [Environment]::ProcessPath
        $arguments = [Collections.Generic.List[string]]::new()
        if ([IO.Path]::GetFileNameWithoutExtension($launcher) -eq 'dotnet') { $arguments.Add([Environment]::GetCommandLineArgs()[0]) }
        $arguments.AddRange([string[]]@('-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$(Join-Path (Get-Module MagentoCloud).ModuleBase 'MagentoCloud.psd1')'; Invoke-CloudDeploy -Environment master -ProjectPath '$($Project.Path)' -Confirm:`$false"))
        $deploying = Start-Process -FilePath $launcher -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput (Join-Path $Root 'killed.out') -RedirectStandardError (Join-Path $Root 'killed.err')
        try {
            $deadline = (Get-Date).AddSeconds(30)
            while (-not (Test-Path $started) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Test-Path $started | Should -BeTrue -Because "the deploy reached its hook ($(Get-Content -Raw (Join-Path $Root 'killed.err')))"
        }
        finally {
            $deploying | Stop-Process -Force
            $deploying | Wait-Process
            Remove-Item $slow
        }
        $killed = Get-CloudActivity -Environment master -State InProgress
        @($killed).Count | Should -Be 1
        (Get-CloudEnvironment master).Status | Should -Be 'Dirty'
        (Get-CloudRelease -Environment master | Where-Object IsCurrent).Id | Should -Be $live
        $environmentRoot = Join-Path $Project.Path '.magento/local/environments/master'
        $abandoned = @([int](Get-Content $hookPid), [int](Get-Content $childPid))
        # The hook outlived the process that ran it, with maintenance on.
        $abandoned | ForEach-Object { Test-Running $_ | Should -BeTrue -Because "hook process $_ outlives the killed deploy" }
        @(Get-ChildItem -Path $environmentRoot -Recurse -Force -Filter '.maintenance.flag') | Should -Not -BeNullOrEmpty

        $next = Invoke-CloudDeploy -Environment master -Confirm:$false
        $next.Result | Should -Be 'Success'
        $next.Log | Should -Match "Freed master from activity $($killed.Id)"
        $next.Log | Should -Match 'Recovered a stale lock'
        $next.Log | Should -Match "Ended the abandoned hook's process group $($abandoned[0])"
        $next.Log | Should -Match 'Turned off the maintenance'
        $abandoned | ForEach-Object { Test-Running $_ | Should -BeFalse -Because "the next deploy ends hook process $_" }
        @(Get-ChildItem -Path $environmentRoot -Recurse -Force -Filter '.maintenance.flag') | Should -BeNullOrEmpty
        Test-Path (Join-Path $environmentRoot 'deploy.hook') | Should -BeFalse
        (Get-CloudActivity -Id $killed.Id).State | Should -Be 'Cancelled'
        (Get-CloudEnvironment master).Status | Should -Be 'Active'
        Stop-CloudActivity -Id $killed.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ActivityNotRunning,*'
    }
}

Describe 'Invoke-CloudCommand' {
    It 'runs in the live release and returns the exit code and output per host' {
        $result = Invoke-CloudCommand -Environment master -Command 'echo "$MAGENTO_CLOUD_ENVIRONMENT"; exit 3'
        $result.GetType().FullName | Should -Be 'MagentoCloud.Engine.Deploy.CloudCommandResult'
        $result.ExitCode | Should -Be 3
        $result.Output.Trim() | Should -Be 'master'
        @(Invoke-CloudCommand -Environment master -Command 'true' -AllHosts).Host | Should -Be @('local')
    }
}

Describe 'Get-CloudCron' {
    It "lists the environment's crons and a consumer running under its live release, and forgets the consumer once it ends" {
        $release = (Invoke-CloudCommand -Environment master -Command 'pwd -P').Output.Trim()
        $fake = Join-Path $Root 'fake-magento/bin'
        New-Item -ItemType Directory -Path $fake -Force | Out-Null
        Set-Content -Path (Join-Path $fake 'magento') -Value "#!/bin/sh`nwhile :; do sleep 0.2; done"
        $consumer = Start-Process -FilePath sh -ArgumentList (Join-Path $fake 'magento'), 'queue:consumers:start', 'pester.consumer' `
            -WorkingDirectory $release -PassThru
        try {
            $rows = @(Get-CloudCron -Environment master)
            $rows[0].GetType().FullName | Should -Be 'MagentoCloud.Engine.Deploy.CloudCronStatus'
            $cron = $rows | Where-Object Kind -EQ 'Cron'
            $cron.Name | Should -Be 'heartbeat'
            $cron.Schedule | Should -Be '*/5 * * * *'
            $cron.Host | Should -Be 'local'
            $running = $rows | Where-Object Kind -EQ 'Consumer'
            $running.Name | Should -Be 'pester.consumer'
            $running.Running | Should -Be 1
        }
        finally {
            Stop-Process -Id $consumer.Id -Force
            $consumer.WaitForExit()
        }
        @(Get-CloudEnvironment master | Get-CloudCron | Where-Object Kind -EQ 'Consumer') | Should -BeNullOrEmpty
    }
}

Describe 'Code changes deploy themselves' {
    It 'deploys an active environment on push, and a branch on creation; -NoDeploy does not' {
        $branch = New-CloudBranch -Environment sprint-9 -Confirm:$false
        $branch[0].Name | Should -Be 'sprint-9'
        $branch[1].Type | Should -Be 'environment.branch'
        $branch[1].Steps.Name | Should -Contain 'UploadRelease'

        git checkout --quiet -b sprint-9
        Set-Content -Path sprint.txt -Value 'sprint 9'
        git add sprint.txt
        git commit --quiet -m 'Sprint 9'
        $push = Push-CloudBranch -Branch sprint-9 -Confirm:$false
        $push.Count | Should -Be 2
        $push[0].Type | Should -Be 'environment.push'
        $push[1].Result | Should -Be 'Success'
        (Invoke-CloudCommand -Environment sprint-9 -Command 'cat sprint.txt').Output.Trim() | Should -Be 'sprint 9'

        Set-Content -Path sprint.txt -Value 'sprint 9, again'
        git commit --quiet -am 'Sprint 9 again'
        @(Push-CloudBranch -Branch sprint-9 -NoDeploy -Confirm:$false).Count | Should -Be 1
        (Invoke-CloudCommand -Environment sprint-9 -Command 'cat sprint.txt').Output.Trim() | Should -Be 'sprint 9'
        git checkout --quiet master
    }

    It 'deploys the parent after a merge' {
        $merge = Merge-CloudBranch -Environment sprint-9 -Confirm:$false
        $merge[0].Type | Should -Be 'environment.merge'
        $merge[1].Environment | Should -Be 'master'
        $merge[1].Result | Should -Be 'Success'
        (Invoke-CloudCommand -Environment master -Command 'cat sprint.txt').Output.Trim() | Should -Be 'sprint 9, again'
    }
}
