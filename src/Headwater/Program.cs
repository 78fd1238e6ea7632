using Headwater.Cli;

return await Commands.Root(CliContext.System()).Parse(args).InvokeAsync();
