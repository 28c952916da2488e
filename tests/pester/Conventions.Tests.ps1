#Requires -Version 7.2
<#
    Every exported cmdlet keeps the conventions of the developers' guide: approved verb, Cloud noun
    prefix, [OutputType], ShouldProcess where the verb changes state, ConfirmImpact High where it
    destroys, no bool parameters, a table view for every output type, and a manifest that lists
    every cmdlet by name. Errors keep PowerShell's conventions too: a cmdlet fed several records
    reports one record's failure as a non-terminating error and goes on with the next, and a Get-
    cmdlet given a literal name that does not exist writes an error that -ErrorAction controls.
#>

BeforeDiscovery {
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop
    $cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
    [xml] $formatFile = Get-Content -Raw (Join-Path (Split-Path $env:MC_MODULE_MANIFEST) 'MagentoCloud.Format.ps1xml')
    $tableViews = @($formatFile.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } | ForEach-Object {
        @{ View = $_.Name; TypeName = $_.ViewSelectedBy.TypeName; Labels = @($_.TableControl.TableHeaders.TableColumnHeader.Label); Wraps = [bool]$_.SelectSingleNode('.//Wrap') }
    })
    $pipelineCmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name | Where-Object {
        $_.Parameters.Values.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }
    } | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    $script:ReadOnlyVerbs = @('Get', 'Test', 'Compare', 'Find', 'Measure', 'Search', 'Resolve', 'Show', 'Watch', 'Read')
    $script:DestructiveVerbs = @('Remove', 'Restore', 'Clear')
    [xml] $format = Get-Content -Raw (Join-Path (Split-Path $env:MC_MODULE_MANIFEST) 'MagentoCloud.Format.ps1xml')
    $script:TableViews = @($format.Configuration.ViewDefinitions.View |
        Where-Object { $_.TableControl } | ForEach-Object { $_.ViewSelectedBy.TypeName })
    $script:ApprovedVerbs = (Get-Verb).Verb
}

Describe 'Module manifest' {
    It 'lists every cmdlet by name, with no wildcards, and nothing the module lacks' {
        $manifest = Import-PowerShellDataFile $env:MC_MODULE_MANIFEST
        $listed = @($manifest.CmdletsToExport)
        $listed | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        $compiled = @($module.ImplementingAssembly.GetTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" })
        Compare-Object ($listed | Sort-Object) ($compiled | Sort-Object) | Should -BeNullOrEmpty
    }

    It 'carries the metadata a gallery expects' {
        $manifest = Import-PowerShellDataFile $env:MC_MODULE_MANIFEST
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
    }
}

Describe '<Name> keeps the conventions' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module $module.Name
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $ownParameters = @($command.Parameters.Values | Where-Object {
            $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and
            $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters })
    }

    It 'uses an approved verb and the Cloud noun prefix' {
        $command.Verb | Should -BeIn $ApprovedVerbs
        $command.Noun | Should -Match '^Cloud[A-Z]'
    }

    It 'declares its output type, and each has a table view' {
        $command.OutputType | Should -Not -BeNullOrEmpty
        foreach ($type in $command.OutputType) {
            if ($type.Type -and $type.Type.IsPrimitive) { continue }
            $type.Name | Should -BeIn $TableViews -Because "every output type needs a table view in MagentoCloud.Format.ps1xml"
        }
    }

    It 'supports ShouldProcess when its verb changes state' {
        if ($command.Verb -notin $ReadOnlyVerbs) {
            $attribute.SupportsShouldProcess | Should -BeTrue
        }
    }

    It 'asks for confirmation (ConfirmImpact High) when its verb destroys' {
        if ($command.Verb -in $DestructiveVerbs) {
            $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
        }
    }

    It 'takes switches, not bool parameters' {
        $ownParameters | Where-Object { $_.ParameterType -eq [bool] } | ForEach-Object Name | Should -BeNullOrEmpty
    }
}

Describe 'Errors: one failed record, one non-terminating error' {
    BeforeAll {
        $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
        Push-Location $Project.Path
        # What each cmdlet needs beside the piped records, chosen so that each record fails early
        # (nothing named exists) and nothing is created or deployed.
        $script:ExtraArguments = @{
            'Compare-CloudConfig'  = @{ ReferenceEnvironment = 'missing-reference' }
            'Copy-CloudDatabase'   = @{ Source = 'missing-source' }
            'Export-CloudDatabase' = @{ Path = (Join-Path $Root 'dump.sql') }
            'Get-CloudSnapshot'    = @{ Id = 'missing-snapshot' }
            'Import-CloudDatabase' = @{ Path = (Join-Path $Root 'missing.sql') }
            'Invoke-CloudCommand'  = @{ Command = 'true' }
            'Merge-CloudBranch'    = @{ NoDeploy = $true }
            'New-CloudBranch'      = @{ Parent = 'missing-parent'; NoDeploy = $true }
            'Rename-CloudEnvironment' = @{ NewName = 'renamed' }
            'Push-CloudBranch'     = @{ Branch = 'missing-branch'; NoDeploy = $true }
            'Set-CloudVariable'    = @{ Name = 'env:MISSING'; Value = 'x' }
            'Sync-CloudEnvironment' = @{ Code = $true; NoDeploy = $true }
        }
        # A filter, not a name: the activities of a deleted environment stay listable.
        $script:Filters = @('Get-CloudActivity')
    }

    AfterAll {
        Pop-Location
        Remove-TestProject -Root $Root -ProjectPath $Project.Path
    }

    It '<Name>, fed two records naming what does not exist, writes an error for each and goes on' -ForEach $pipelineCmdlets {
        if ($Name -in $Filters) { Set-ItResult -Skipped -Because 'its piped value filters a list'; return }
        $command = Get-Command -Name $Name -Module MagentoCloud
        $piped = @($command.Parameters.Values | Where-Object {
            $_.ParameterType -eq [string] -and ($_.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName) })
        $records = 1..2 | ForEach-Object {
            $record = [ordered]@{}
            foreach ($parameter in $piped) { $record[$parameter.Name] = "missing-$_" }
            [pscustomobject]$record
        }
        $arguments = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = 'failures' }
        if ($ExtraArguments[$Name]) { $arguments += $ExtraArguments[$Name] }
        if ($command.Parameters.ContainsKey('Confirm')) { $arguments.Confirm = $false }

        # A terminating error would end this test here.
        $records | & $Name @arguments | Out-Null
        $failures.Count | Should -Be 2 -Because 'each record fails on its own and the second is still processed'
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Match "^[A-Za-z]+,MagentoCloud\.PowerShell\." }
    }

    It 'Get-<Noun> with a literal name that does not exist writes an error -ErrorAction controls' -ForEach @(
        @{ Noun = 'CloudEnvironment'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
        @{ Noun = 'CloudVariable'; Arguments = @{ Name = 'env:MISSING' }; ErrorId = 'VariableNotFound' }
        @{ Noun = 'CloudActivity'; Arguments = @{ Id = 'missing' }; ErrorId = 'ActivityNotFound' }
        @{ Noun = 'CloudRelease'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
        @{ Noun = 'CloudSnapshot'; Arguments = @{ Id = 'missing' }; ErrorId = 'SnapshotNotFound' }
        @{ Noun = 'CloudConfig'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
        @{ Noun = 'CloudLog'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
        @{ Noun = 'CloudCron'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
        @{ Noun = 'CloudService'; Arguments = @{ Environment = 'missing' }; ErrorId = 'EnvironmentNotFound' }
    ) {
        $found = Get-Command -Name "Get-$Noun" -Module MagentoCloud
        $null = & $found @Arguments -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        { $null = & $found @Arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
    }

    It 'Get- with a pattern that matches nothing writes nothing and no error' {
        Get-CloudEnvironment -Environment 'missing-*' -ErrorAction SilentlyContinue -ErrorVariable failures | Should -BeNullOrEmpty
        Get-CloudVariable -Name 'env:MISSING*' -ErrorAction SilentlyContinue -ErrorVariable +failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'has a literal-name case for every Get- cmdlet that takes a name' {
        $covered = 'CloudEnvironment', 'CloudVariable', 'CloudActivity', 'CloudRelease', 'CloudSnapshot', 'CloudConfig', 'CloudProject', 'CloudLog', 'CloudCron', 'CloudService'
        (Get-Command -Module MagentoCloud -Verb Get).Noun | Where-Object { $_ -notin $covered } | Should -BeNullOrEmpty
    }
}

Describe 'Import-Module loads only what the cmdlets are found by' {
    BeforeAll {
        # A fresh pwsh, started the way this one was (the pinned dotnet tool or a real pwsh).
        function Invoke-FreshPwsh([string] $Command) {
            $launcher = [Environment]::ProcessPath
            $arguments = @()
            if ([IO.Path]::GetFileNameWithoutExtension($launcher) -eq 'dotnet') { $arguments += [Environment]::GetCommandLineArgs()[0] }
            & $launcher @arguments -NoLogo -NoProfile -NonInteractive -Command $Command
        }
    }

    It 'reads no format file and loads none of the engine''s libraries; the first cmdlet call loads the views' {
        $report = Invoke-FreshPwsh @"
`$before = [AppDomain]::CurrentDomain.GetAssemblies().ForEach({ `$_.GetName().Name })
Import-Module '$($env:MC_MODULE_MANIFEST)' -ErrorAction Stop
'views after import: ' + @(Get-FormatData -TypeName 'MagentoCloud.*').Count
'loaded by import: ' + ((([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -notin `$before -and `$_.GetName().Name -notlike 'Microsoft.*' -and `$_.GetName().Name -notlike 'System.*' }).ForEach({ `$_.GetName().Name }) | Sort-Object) -join ',')
try { Get-CloudProject -ProjectPath '$([IO.Path]::GetTempPath())' -ErrorAction Stop } catch { }
'views after a call: ' + @(Get-FormatData -TypeName 'MagentoCloud.*').Count
"@
        $report | Should -Contain 'views after import: 0'
        $report | Should -Contain 'loaded by import: MagentoCloud.Engine,MagentoCloud.Loader,MagentoCloud.PowerShell'
        $report | Should -Contain "views after a call: $($TableViews.Count)"
    }
}

Describe 'Table views at 80 columns' {
    BeforeAll {
        # The views load with the module's first cmdlet call.
        try { Get-CloudProject -ProjectPath ([IO.Path]::GetTempPath()) -ErrorAction Stop } catch { }
        $script:OutputTypes = @{}
        Get-Command -Module MagentoCloud -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and -not $_.IsPrimitive } | ForEach-Object { $OutputTypes[$_.FullName] = $_ }
        foreach ($type in @($OutputTypes.Values)) {
            foreach ($property in $type.GetProperties()) {
                $item = $property.PropertyType
                if ($item.IsGenericType -and $item.GetGenericArguments()[0].FullName -like 'MagentoCloud.*') { $item = $item.GetGenericArguments()[0] }
                if ($item.FullName -like 'MagentoCloud.*' -and -not $item.IsEnum) { $OutputTypes[$item.FullName] = $item }
            }
        }
        $now = [DateTimeOffset]::new(2026, 12, 4, 21, 5, 42, 123, [TimeSpan]::Zero)
        $commit = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39'
        # Values as the engine writes them, at the lengths a real project has.
        $script:Samples = @{
            'MagentoCloud.Engine.Project.CloudFinding' = { [Activator]::CreateInstance($args[0], @(
                [Enum]::Parse($args[0].GetProperty('Severity').PropertyType, 'Warning'), 'CronMissing', '.magento.app.yaml', 12, 5,
                'No cron is defined: Magento needs cron:run every minute.', $null)) }
            'MagentoCloud.Engine.Project.CloudProject' = @{ Title = 'Shop'; Application = 'mymagento'; Infrastructure = 'Local'; Environments = 5; ActiveEnvironments = 4; Path = '/srv/projects/shop'; Id = 'a1b2c3d4e5f6g'; CreatedAt = $now }
            'MagentoCloud.Engine.Environments.CloudEnvironment' = @{ Name = 'feature-checkout'; Title = 'Checkout'; Type = 'Development'; Status = 'Inactive'; Parent = 'integration'; Branch = 'feature-checkout'; HeadCommit = $commit; DeployedCommit = $commit; DeployedAt = $now; Hosts = [string[]]@('web-1.shop.example.com', 'web-2.shop.example.com', 'web-3.shop.example.com') }
            'MagentoCloud.Engine.Environments.CloudActivity' = @{ Id = '20261204210542123k3x9qa'; Type = 'environment.synchronize'; Environment = 'production'; State = 'Complete'; Result = 'Failure'; Description = 'Deploy of production failed at RunDeployHook'; StartedAt = $now; CompletedAt = $now.AddSeconds(1234.5) }
            'MagentoCloud.Engine.Environments.CloudActivityStep' = @{ Name = 'SwitchCurrentRelease'; Result = 'Success'; Duration = [TimeSpan]::FromSeconds(12.345) }
            'MagentoCloud.Engine.Environments.CloudVariable' = @{ Name = 'env:COMPOSER_AUTH'; Value = '{"http-basic":{}}'; Level = 'Environment'; Environment = 'production'; IsInheritable = $true; VisibleBuild = $true; VisibleRuntime = $true; InheritedFrom = 'master' }
            'MagentoCloud.Engine.Build.CloudSlug' = @{ Id = '7c1e9a2b4d6f'; TreeId = $commit; Commit = $commit; Key = 'sha256:' + ('ab' * 32); Size = [long]123456789; Files = 21345; Reused = $true; Duration = [TimeSpan]::FromSeconds(123.45) }
            'MagentoCloud.Engine.Deploy.CloudRelease' = @{ Environment = 'production'; Host = 'web-1.shop.example.com'; Id = '20261204-210542-123-7c1e9a2'; Commit = $commit; SlugId = '7c1e9a2b4d6f'; CreatedAt = $now; IsCurrent = $true; IsBad = $false }
            'MagentoCloud.Engine.Deploy.CloudCommandResult' = @{ Host = 'web-1.shop.example.com'; ExitCode = 0; Output = "Enabled maintenance mode`n"; Duration = [TimeSpan]::FromSeconds(1.23) }
            'MagentoCloud.Engine.Data.CloudSampleData' = @{ Environment = 'production'; Database = 'main'; Customers = 100000; Products = 50000; Orders = 200000; Rows = [long]12345678; Bytes = [long]1234567890; Duration = [TimeSpan]::FromSeconds(123.4); Seed = 1 }
            'MagentoCloud.Engine.Data.CloudDatabaseCopy' = @{ Source = 'production'; Destination = 'staging'; Database = 'main'; Status = 'Successful'; Tables = 372; Rows = [long]12345678; Bytes = [long]12345678901; Sanitized = $true; SanitizedColumns = 120; StrippedTables = [string[]]@('report_event'); Duration = [TimeSpan]::FromSeconds(1234.5) }
            'MagentoCloud.Engine.Data.CloudSnapshot' = @{ Id = '20261204T210542-ab12'; Environment = 'production'; CreatedAt = $now; Database = 'main'; DatabaseBytes = [long]123456789012; FilesBytes = [long]9876543210; Tables = 372; Path = '/srv/projects/shop/.magento/local/snapshots/production/20261204T210542-ab12' }
            'MagentoCloud.Engine.Configuration.CloudConfigSetting' = @{ Path = 'catalog/seo/product_url_suffix'; Scope = 'Websites'; ScopeCode = 'base'; Value = '.html'; Source = 'EnvironmentVariable'; IsLocked = $true; LockedBy = 'CONFIG__WEBSITES__BASE__CATALOG__SEO__PRODUCT_URL_SUFFIX' }
            'MagentoCloud.Engine.Configuration.CloudConfigExport' = @{ Environment = 'production'; Path = 'app/etc/config.php'; EnvPath = 'app/etc/env.php'; Mode = 'All'; Settings = 1234; SensitiveSettings = 12; Scopes = 14; Added = [string[]]@('a'); Changed = [string[]]@('b'); Removed = [string[]]@(); WhatIf = $true }
            'MagentoCloud.Engine.Configuration.CloudConfigDifference' = @{ Path = 'catalog/seo/product_url_suffix'; Scope = 'Stores'; ScopeCode = 'french'; Reference = '.html'; Value = '.htm'; Status = 'Different' }
            'MagentoCloud.Engine.Transport.CloudHostKey' = @{ Host = 'web-1.example.com'; KnownHostsName = '[web-1.example.com]:2222'; KeyType = 'ssh-ed25519'; Fingerprint = 'SHA256:' + ('AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdE'); KnownHostsFile = '/home/deploy/.ssh/known_hosts'; Status = 'Unknown'; Added = $true }
            'MagentoCloud.Engine.Environments.CloudVariableProtection' = @{ KeyId = 'k20261204a1b'; KeyPath = '/home/deploy/.config/magento-cloud/keys/a1b2c3d4e5f6g.k20261204a1b.key'; KeyRotated = $true; SensitiveValues = 12; CommitsRewritten = 1234; ValuesRemoved = 3; Pruned = $true; Remote = '/srv/git/shop.git' }
            'MagentoCloud.Engine.Services.CloudService' = @{ Environment = 'production'; Relationship = 'redis'; Name = 'redis'; Type = 'redis'; Version = '7.2'; Endpoint = 'redis://10.0.0.21:6379'; State = 'External'; Host = '10.0.0.21' }
            'MagentoCloud.Engine.Runtime.CloudLocalService' = @{ Service = 'php-fpm'; Environment = 'feature-checkout'; Url = 'http://feature-checkout.shop.localhost:8080/'; Running = $true }
            'MagentoCloud.Engine.Runtime.CloudHostRuntime' = @{ Environment = 'production'; Host = 'deploy@web-1.shop.example.com:22'; Release = '20261204-210542-123-7c1e9a2'; Started = [string[]]@('nginx', 'PHP-FPM', 'crons'); AlreadyRunning = [string[]]@(); Stopped = [string[]]@() }
            'MagentoCloud.Engine.Runtime.CloudLogLine' = @{ Time = $now; Host = 'web-1.example.com'; Environment = 'production'; Log = 'access'; Text = 'GET /checkout/cart/ 200 5123' }
            'MagentoCloud.Engine.Deploy.CloudCronStatus' = @{ Environment = 'production'; Host = 'web-1.example.com'; Kind = 'Cron'; Name = 'magento-cron'; Schedule = '*/5 * * * *'; Installed = $true; LastRun = $now; LastExitCode = 0; Running = 1 }
            'MagentoCloud.Engine.Reports.CloudReport' = @{ Path = '/srv/projects/shop/report.html'; Project = 'Shop'; Environments = 12; Activities = 25; Deploys = 20; Unreachable = 0; Bytes = [long]123456; GeneratedAt = $now }
        }

        function New-Sample([type] $Type) {
            $sample = $Samples[$Type.FullName]
            if ($sample -is [scriptblock]) { return & $sample $Type }
            $object = [Activator]::CreateInstance($Type)
            foreach ($name in $sample.Keys) {
                # Properties a view does not use may be renamed; a sample only sets those that exist.
                $property = $Type.GetProperty($name)
                if (-not $property -or -not $property.CanWrite) { continue }
                $value = $sample[$name]
                $target = [Nullable]::GetUnderlyingType($property.PropertyType) ?? $property.PropertyType
                if ($target.IsEnum) { $value = [Enum]::Parse($target, $value) }
                $property.SetValue($object, $value -as $property.PropertyType)
            }
            $object
        }
    }

    It 'has a sample for every type with a table view' -ForEach $tableViews {
        $Samples.ContainsKey($TypeName) | Should -BeTrue -Because "$TypeName has a table view"
        $OutputTypes.ContainsKey($TypeName) | Should -BeTrue -Because "$TypeName is a cmdlet's output type"
    }

    It '<View> fits 80 columns: one header line, one line a row, nothing cut' -ForEach $tableViews {
        $objects = @((New-Sample $OutputTypes[$TypeName]), (New-Sample $OutputTypes[$TypeName]))
        $lines = @(($objects | Format-Table | Out-String -Width 80) -split "\r?\n" | Where-Object { $_.Trim() })
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $header = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($line) $line -match '^-+( +-+)*\s*$' }) - 1
        $header | Should -BeGreaterOrEqual 0 -Because 'the table has a header underlined with dashes'
        ($lines[$header] -split ' +' | Where-Object { $_ }) | Should -Be $Labels -Because 'every column shows, its label whole, on one line'
        $rows = @($lines | Select-Object -Skip ($header + 2))
        if (-not $Wraps) { $rows.Count | Should -Be $objects.Count -Because 'a row takes one line' }
        $rows | Where-Object { $_.Contains([char]0x2026) } | Should -BeNullOrEmpty -Because 'no value is cut short'
    }
}
