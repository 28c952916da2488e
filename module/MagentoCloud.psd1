@{
    RootModule           = 'MagentoCloud.PowerShell.dll'
    # Loaded before the root module: it sets up the engine's private load context.
    NestedModules        = @('MagentoCloud.Loader.dll')
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    GUID                 = '5b8f2a3e-7c41-4e0d-9a66-2f1d3c8b9e70'
    Author               = 'MagentoCloud contributors'
    CompanyName          = 'MagentoCloud contributors'
    Copyright            = '(c) 2026 MagentoCloud contributors. MIT License.'
    Description          = 'Runs the Magento Commerce Cloud Pro develop-and-deploy workflow (Git branches as environments, build and deploy on every push, configuration export, sanitized database copies) on servers you control over SSH, or on this machine with no servers at all.'
    # No FormatsToProcess: MagentoCloud.Format.ps1xml, beside this file, is loaded by the first cmdlet
    # call (reading a format file was most of what the import cost).
    CmdletsToExport      = @(
        'New-CloudProject',
        'Get-CloudProject',
        'Test-CloudProject',
        'Get-CloudEnvironment',
        'New-CloudBranch',
        'Set-CloudEnvironment',
        'Enable-CloudEnvironment',
        'Disable-CloudEnvironment',
        'Remove-CloudEnvironment',
        'Merge-CloudBranch',
        'Sync-CloudEnvironment',
        'Push-CloudBranch',
        'Get-CloudActivity',
        'Get-CloudVariable',
        'Set-CloudVariable',
        'Remove-CloudVariable',
        'Protect-CloudVariable',
        'Install-CloudSampleData',
        'Copy-CloudDatabase',
        'Export-CloudDatabase',
        'Import-CloudDatabase',
        'New-CloudSnapshot',
        'Get-CloudSnapshot',
        'Restore-CloudSnapshot',
        'Invoke-CloudBuild',
        'Invoke-CloudDeploy',
        'Undo-CloudDeploy',
        'Stop-CloudActivity',
        'Get-CloudRelease',
        'Get-CloudCron',
        'Get-CloudService',
        'Invoke-CloudCommand',
        'Export-CloudConfig',
        'Get-CloudConfig',
        'Set-CloudConfig',
        'Remove-CloudConfig',
        'Compare-CloudConfig',
        'Export-CloudReport',
        'Test-CloudGoLive',
        'Rename-CloudEnvironment',
        'Add-CloudKnownHost',
        'Start-CloudEnvironmentRuntime',
        'Start-CloudLocalRuntime',
        'Stop-CloudEnvironmentRuntime',
        'Stop-CloudLocalRuntime',
        'Get-CloudLog'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Magento', 'MagentoCloud', 'AdobeCommerce', 'Deploy', 'DevOps', 'Git', 'SSH', 'MariaDB', 'PSEdition_Core', 'Linux')
            LicenseUri   = 'https://github.com/magentocloud-ps/MagentoCloud/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/magentocloud-ps/MagentoCloud'
            ReleaseNotes = 'First release: module foundation, projects and environments.'
        }
    }
}
