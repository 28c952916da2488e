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
        $covered = 'CloudEnvironment', 'CloudVariable', 'CloudActivity', 'CloudRelease', 'CloudSnapshot', 'CloudConfig', 'CloudProject'
        (Get-Command -Module MagentoCloud -Verb Get).Noun | Where-Object { $_ -notin $covered } | Should -BeNullOrEmpty
    }
}
