; gxjn for Windows office PCs: Inno Setup 6.5 or later (its Languages folder has ChineseSimplified.isl).
;   iscc /DAppVersion=0.1.0 installer\gxjn.iss        (after `pyinstaller build.spec` made dist\gxjn)
; Per-user by default, no administrator needed (%LOCALAPPDATA%\Programs\gxjn); IT installs for every
; user of the PC with `gxjn-setup-X.Y.Z.exe /VERYSILENT /ALLUSERS` (Program Files, where AppLocker's
; default rules allow programs to run). The user's data (%LOCALAPPDATA%\gxjn: database, backups,
; logs) is never in the install folder: an upgrade replaces the program and leaves the data, which
; the new program migrates at its first start after taking a backup (backups\...before-upgrade-*).
; Uninstalling keeps the data unless the person says otherwise (or /DELETEUSERDATA when silent).
; docs/build-windows.md has the whole procedure.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\gxjn.iss (gxjn_desktop.__version__)
#endif
#define AppName "公共机构能源资源消费统计"
#define AppExe "gxjn.exe"
#ifndef DistDir
  #define DistDir "..\dist\gxjn"
#endif

[Setup]
; Fixed for ever: Windows finds the installed program (for upgrades and uninstall) by this id.
AppId={{6733E94B-D957-48F1-B3EA-24D56EF05067}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=gxjn
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={autopf}\gxjn
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
; Qt 6 and Python 3.11: Windows 10 1809 or later, 64-bit.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=gxjn-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; A running gxjn holds its files: Windows' Restart Manager asks to close it before files are replaced.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's program files (never data: that is not here), so no stale library survives.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "广西公共机构能源资源消费统计"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in its install folder (Python byte-code caches).
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
const
  DataFolderName = 'gxjn';

function WantsDataDeleted(): Boolean;
var
  I: Integer;
begin
  { The uninstaller runs again from a copy of itself with its own parameters before the original
    ones: look at each parameter, and at the whole command line as well. }
  Result := Pos('/DELETEUSERDATA', Uppercase(GetCmdTail)) > 0;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEUSERDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  { The data of the person running the uninstaller; other users' folders are theirs to keep. }
  DataDir := ExpandConstant('{localappdata}\') + DataFolderName;
  if not DirExists(DataDir) then
    Exit;
  if UninstallSilent then
  begin
    if WantsDataDeleted() then
      DelTree(DataDir, True, True, True);
    Exit;
  end;
  if MsgBox('程序已卸载。是否同时删除您的数据？' + #13#10 + #13#10 + DataDir + #13#10 + #13#10 +
            '其中有本单位的台账数据库、备份和日志。选择“否”将保留这些数据，重新安装后可继续使用。',
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
