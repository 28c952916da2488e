#Requires -Version 7.2
<#
    Every exported cmdlet keeps the conventions of the developers' guide: approved verb, Cloud noun
    prefix, [OutputType], ShouldProcess where the verb changes state, ConfirmImpact High where it
    destroys, no bool parameters, a table view for every output type, and a manifest that lists
    every cmdlet by name.
#>

BeforeDiscovery {
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop
    $cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop
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
