#Requires -Version 7.2
<#
    Store configuration as a runbook uses it: set a setting in an environment's database, see where
    each value comes from, export into config.php, compare environments, and remove a setting.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-config-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    Install-CloudSampleData -Environment master -Customers 2 -Products 1 -Orders 2 -Confirm:$false | Out-Null
    Install-CloudSampleData -Environment staging -Customers 2 -Products 1 -Orders 2 -Confirm:$false | Out-Null
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Set-CloudConfig and Get-CloudConfig' {
    It 'sets a store-scope setting in the database and shows it with its source' {
        Set-CloudConfig -Environment master -Path general/locale/code -Value de_DE -Scope Stores -ScopeCode french -Confirm:$false | Out-Null
        $setting = Get-CloudConfig -Environment master -Path general/locale/code | Where-Object { $_.Scope -eq 'Stores' -and $_.ScopeCode -eq 'french' }
        $setting.Value | Should -Be 'de_DE'
        $setting.Source | Should -Be 'Database'
    }

    It 'refuses a setting that config.php locks, naming the file' {
        { Set-CloudConfig -Environment master -Path general/locale/code -Value fr_FR -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigLocked*'
    }
}

Describe 'Compare-CloudConfig and Export-CloudConfig' {
    It 'finds the difference between two environments, then exports it into config.php' {
        $differences = Compare-CloudConfig -Environment master -ReferenceEnvironment staging
        $differences.Path | Should -Contain 'general/locale/code'
        $export = Export-CloudConfig -Environment master -Mode Minimal -Confirm:$false
        $export.Path | Should -Exist
        Get-Content -Raw app/etc/config.php | Should -Match "'de_DE'"
    }
}

Describe 'Compare-CloudConfig output' {
    It "names the environment's value Value and tells a setting not set from one set to null" {
        Set-CloudConfig -Environment master -Path general/store_information/phone -Value '+33 1 23' -Confirm:$false | Out-Null
        $differences = Compare-CloudConfig -Environment master -ReferenceEnvironment staging
        $phone = $differences | Where-Object Path -eq 'general/store_information/phone'
        $phone.Value | Should -Be '+33 1 23'
        $phone.Reference | Should -BeNullOrEmpty
        "$($phone.Status)" | Should -Be 'MissingInReference'
        $phone.PSObject.Properties.Name | Should -Not -Contain 'Difference'

        $table = $phone | Format-Table | Out-String -Width 200
        $table | Should -Match 'Reference\s+Value'
        $table | Should -Match '\(not set\)\s+\+33 1 23'
    }
}

Describe 'Remove-CloudConfig' {
    It 'removes a setting from the database, asking nothing with -Confirm:$false' {
        Set-CloudConfig -Environment staging -Path general/store_information/name -Value 'Staging shop' -Confirm:$false | Out-Null
        Remove-CloudConfig -Environment staging -Path general/store_information/name -Confirm:$false | Out-Null
        Get-CloudConfig -Environment staging -Path general/store_information/name -ErrorAction SilentlyContinue | Where-Object Source -eq 'Database' | Should -BeNullOrEmpty
    }
}
