#Requires -Version 7.2
<#
    Database copies, dump files and snapshots used as a person would, on the local default (a private
    MariaDB server under the project, started on demand): fill Production with sample data, copy it
    down sanitized, export and import, snapshot and restore, branch with data.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-data-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    Install-CloudSampleData -Environment production -Customers 20 -Products 10 -Orders 30 -Confirm:$false | Out-Null
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Copy-CloudDatabase' {
    It 'copies Production down to Staging sanitized by default' {
        $copy = Copy-CloudDatabase -Source production -Destination staging -Confirm:$false
        $copy.Status | Should -Be 'Successful'
        $copy.Sanitized | Should -BeTrue
        $copy.SanitizedColumns | Should -BeGreaterThan 20
        $copy.Tables | Should -BeGreaterThan 30
        $copy.Rows | Should -BeGreaterThan 100
        (Get-CloudActivity -Environment staging | Where-Object Type -eq 'environment.database.copy').Result | Should -Contain 'Success'
    }

    It 'warns when sanitizing is turned off for data leaving Production' {
        $copy = Copy-CloudDatabase production staging -Sanitize:$false -NoSnapshot -Strip '@log @sessions' -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $copy.Sanitized | Should -BeFalse
        $copy.StrippedTables | Should -Contain 'session'
        "$warnings" | Should -Match 'without sanitizing'
    }

    It 'refuses a sanitized copy out of Production whose rules match no table unless -Force, and then warns' {
        $rules = Join-Path $Project.Path '.magento/sanitize.yaml'
        Set-Content -Path $rules -Value 'inherit: false'
        try {
            { Copy-CloudDatabase production staging -NoSnapshot -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'SanitizeRulesMatchNothing*'
            $copy = Copy-CloudDatabase production staging -NoSnapshot -Force -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
            "$warnings" | Should -Match 'No sanitizing rule matches'
            "$warnings" | Should -Match 'customer_entity\.email'
            { Export-CloudDatabase production (Join-Path $Root 'refused.sql') -Sanitize -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'SanitizeRulesMatchNothing*'
            Join-Path $Root 'refused.sql' | Should -Not -Exist
            $copy.SanitizeFindings | ForEach-Object { "$($_.Table).$($_.Column)" } | Should -Contain 'customer_entity.email'
        }
        finally {
            Remove-Item -Path $rules
        }
    }

    It 'runs as many streams as -ThrottleLimit says, and says so on the result' {
        $copy = Copy-CloudDatabase production staging -NoSnapshot -ThrottleLimit 3 -Confirm:$false
        $copy.Status | Should -Be 'Successful'
        $copy.ThrottleLimit | Should -Be 3
        $copy.Notes -join ' ' | Should -Match 'Copied over 3 streams'
        (Copy-CloudDatabase production staging -NoSnapshot -ThrottleLimit 1 -Confirm:$false).ThrottleLimit | Should -Be 1
    }

    It 'refuses to write into Production without -Force, with a precise error id' {
        { Copy-CloudDatabase staging production -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'EnvironmentProtected*'
    }

    It 'copies nothing with -WhatIf' {
        $before = (Get-CloudActivity -Environment master).Count
        Copy-CloudDatabase production master -WhatIf
        (Get-CloudActivity -Environment master).Count | Should -Be $before
    }
}

Describe 'Export-CloudDatabase and Import-CloudDatabase' {
    It 'round-trips a sanitized zstd dump into another environment' {
        $file = Join-Path $Root 'production.sql.zst'
        $export = Export-CloudDatabase production $file -Sanitize -Confirm:$false
        $export.Sanitized | Should -BeTrue
        [IO.File]::ReadAllBytes($file)[0..3] | Should -Be @(0x28, 0xb5, 0x2f, 0xfd)
        $import = Import-CloudDatabase master $file -Confirm:$false
        $import.Status | Should -Be 'Successful'
        $import.Tables | Should -Be $export.Tables
        $import.Notes | Should -Contain 'Read a Zstd dump.'
    }

    It 'exports over -ThrottleLimit streams into one dump, leaving no part files, that imports whole' {
        $folder = Join-Path $Root 'streams'
        $file = Join-Path $folder 'production.sql.gz'
        $export = Export-CloudDatabase production $file -ThrottleLimit 2 -Confirm:$false
        $export.ThrottleLimit | Should -Be 2
        $export.Notes -join ' ' | Should -Match 'Exported over 2 streams'
        @(Get-ChildItem -Force $folder).Name | Should -Be @('production.sql.gz')
        $import = Import-CloudDatabase master $file -NoSnapshot -ThrottleLimit 3 -Confirm:$false
        $import.ThrottleLimit | Should -Be 3
        $import.Tables | Should -Be $export.Tables
        $import.Rows | Should -Be $export.Rows
    }
}

Describe 'Snapshots' {
    It 'takes, lists and restores a snapshot' {
        $snapshot = New-CloudSnapshot staging -Confirm:$false
        $snapshot.Tables | Should -BeGreaterThan 30
        (Get-CloudSnapshot staging).Id | Should -Contain $snapshot.Id
        $restored = Get-CloudSnapshot staging -Id $snapshot.Id | Restore-CloudSnapshot -ThrottleLimit 2 -Confirm:$false
        $restored.Id | Should -Be $snapshot.Id
        (Get-CloudActivity -Environment staging | Where-Object Type -eq 'environment.restore').Log -join ' ' | Should -Match 'loaded over 2 connections'
    }

    It 'says which snapshot is missing' {
        { Restore-CloudSnapshot staging -Id nope -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotNotFound*'
    }
}

Describe 'Data flowing down to new and synchronized environments' {
    It 'clones the parent''s data into a new branch, unless -NoCloneData' {
        New-CloudBranch feature-data | Out-Null
        New-CloudBranch feature-empty -NoCloneData | Out-Null
        $sync = Sync-CloudEnvironment feature-empty -Data -NoSnapshot -Confirm:$false
        $sync.Status | Should -Be 'Successful'
        $sync.Source | Should -Be 'master'
        (Get-CloudActivity -Environment feature-data | Where-Object Type -eq 'environment.synchronize').Result | Should -Contain 'Success'
    }
}
