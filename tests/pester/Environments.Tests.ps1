#Requires -Version 7.2
<#
    Projects and environments used as a person would: make a project, branch, list, filter, pipe,
    merge, and get precise errors.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
}

AfterAll {
    Pop-Location
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'New-CloudProject' {
    It 'makes master, staging and production, all active, on the local default' {
        $Project.Infrastructure | Should -Be 'Local'
        $environments = Get-CloudEnvironment
        $environments.Name | Should -Be @('master', 'production', 'staging')
        ($environments | Where-Object Status -ne 'Active') | Should -BeNullOrEmpty
        (Get-CloudEnvironment production).Type | Should -Be 'Production'
    }

    It 'gives a project whose files validate clean' {
        Test-CloudProject -Quiet | Should -BeTrue
    }

    It 'creates nothing with -WhatIf' {
        $target = Join-Path $Root 'whatif'
        New-CloudProject -Path $target -WhatIf
        Test-Path $target | Should -BeFalse
    }
}

Describe 'Branching and listing' {
    It 'branches from master and lists by wildcard, type and status' {
        $created = New-CloudBranch -Environment 'Sprint 1' -Title 'Sprint one' -NoDeploy
        $created.Name | Should -Be 'sprint-1'
        $created.Parent | Should -Be 'master'
        (Get-CloudEnvironment -Name 'sprint-*').Name | Should -Be 'sprint-1'
        (Get-CloudEnvironment -Type Development).Name | Should -Contain 'sprint-1'
        New-CloudBranch -Environment feature-x -Inactive | Out-Null
        (Get-CloudEnvironment -Status Inactive).Name | Should -Be 'feature-x'
    }

    It 'refuses a bad name with a precise error id' {
        { New-CloudBranch -Environment 'bad/name' -ErrorAction Stop } |
            Should -Throw -ErrorId 'EnvironmentNameInvalid,MagentoCloud.PowerShell.Commands.NewCloudBranchCommand'
    }

    It 'keeps one name rule: shell characters are refused wherever a name comes in' {
        foreach ($name in "k';id;'", 'a;b', 'a`b', 'a|b', 'a"b', 'a$b', 'a!b', 'a#b') {
            { New-CloudBranch -Environment $name -NoDeploy -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNameInvalid*'
            { Invoke-CloudCommand -Environment $name -Command 'true' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNameInvalid*'
            { Invoke-CloudDeploy -Environment $name -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNameInvalid*'
        }
        (Get-CloudEnvironment).Name | Should -Not -Contain "k';id;'"
    }

    It 'refuses commands on an inactive environment' {
        New-CloudBranch -Environment dozing -Inactive -NoDeploy | Out-Null
        { Invoke-CloudCommand -Environment dozing -Command 'true' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentInactive*'
    }

    It 'renames an inactive environment and its branch' {
        $renamed = Rename-CloudEnvironment -Environment dozing -NewName 'Wide Awake' -Confirm:$false
        $renamed.Name | Should -Be 'wide-awake'
        $renamed.Status | Should -Be 'Inactive'
        { Get-CloudEnvironment dozing -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNotFound*'
        { Rename-CloudEnvironment -Environment master -NewName trunk -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument*'
    }

    It 'refuses to branch from production' {
        { New-CloudBranch -Environment hotfix -Parent production -ErrorAction Stop } |
            Should -Throw -ErrorId 'BranchFromProtectedType*'
    }

    It 'binds environments from the pipeline by property name' {
        Get-CloudEnvironment -Name 'feature-*' | Enable-CloudEnvironment -Confirm:$false | Out-Null
        (Get-CloudEnvironment feature-x).Status | Should -Be 'Active'
        Get-CloudEnvironment -Name 'feature-*' | Disable-CloudEnvironment -Confirm:$false | Out-Null
        (Get-CloudEnvironment feature-x).Status | Should -Be 'Inactive'
    }

    It 'records every change as an activity' {
        $types = (Get-CloudActivity -Environment sprint-1).Type
        $types | Should -Contain 'environment.branch'
        (Get-CloudActivity -Last 1).Count | Should -Be 1
    }
}

Describe 'Removing' {
    It 'asks no question with -Confirm:$false, and deletes the branch with -DeleteBranch' {
        New-CloudBranch -Environment doomed -NoDeploy | Out-Null
        Remove-CloudEnvironment -Environment doomed -DeleteBranch -Confirm:$false
        { Get-CloudEnvironment doomed -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNotFound*'
    }
}

Describe 'Get-CloudProject' {
    It 'is found from any folder inside the project' {
        $inner = New-Item -ItemType Directory -Path (Join-Path $Project.Path 'app/code') -Force
        (Get-CloudProject -ProjectPath $inner.FullName).Id | Should -Be $Project.Id
    }

    It 'fails outside a project with ProjectNotFound' {
        { Get-CloudProject -ProjectPath ([IO.Path]::GetTempPath()) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProjectNotFound*'
    }
}

Describe 'Set-CloudEnvironment' {
    It 'changes the title, and -WhatIf changes nothing' {
        Set-CloudEnvironment -Environment sprint-1 -Title 'Sprint one, renamed' -WhatIf | Out-Null
        (Get-CloudEnvironment sprint-1).Title | Should -Be 'Sprint one'
        Set-CloudEnvironment -Environment sprint-1 -Title 'Sprint one, renamed' -Confirm:$false | Out-Null
        (Get-CloudEnvironment sprint-1).Title | Should -Be 'Sprint one, renamed'
    }
}

Describe 'Variables' {
    It 'inherits project variables, hides sensitive values, and removes them' {
        Set-CloudVariable -Name env:SHOP_MODE -Value 'project' -Confirm:$false | Out-Null
        Set-CloudVariable -Name env:SHOP_MODE -Value 'sprint' -Environment sprint-1 -Confirm:$false | Out-Null
        Set-CloudVariable -Name env:API_TOKEN -Value 's3cr3t-value' -Environment master -Sensitive -Confirm:$false | Out-Null

        (Get-CloudVariable -Environment sprint-1 | Where-Object Name -eq 'env:SHOP_MODE').Value | Should -Be 'sprint'
        (Get-CloudVariable -Environment staging | Where-Object Name -eq 'env:SHOP_MODE').Value | Should -Be 'project'
        $token = Get-CloudVariable -Environment sprint-1 | Where-Object Name -eq 'env:API_TOKEN'
        $token.IsSensitive | Should -BeTrue
        $token.Value | Should -BeNullOrEmpty
        (Get-CloudVariable -Environment sprint-1 | ConvertTo-Json) | Should -Not -Match 's3cr3t-value'
        (Get-CloudActivity -All).Log -join "`n" | Should -Not -Match 's3cr3t-value'

        { Remove-CloudVariable -Name env:SHOP_MODE -Environment sprint-1 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'VariableAmbiguous*'
        Remove-CloudVariable -Name env:SHOP_MODE -Environment sprint-1 -Level Environment -Confirm:$false | Out-Null
        (Get-CloudVariable -Environment sprint-1 | Where-Object Name -eq 'env:SHOP_MODE').Value | Should -Be 'project'
    }
}
