using Navigator.Server.Cli;

return await NavigatorCommandLine.Create().Parse(args).InvokeAsync();
