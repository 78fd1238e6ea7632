using Headwater.Cli;
using Headwater.Service;

var parsed = Commands.Root(CliContext.System()).Parse(args);
return await parsed.InvokeAsync(ServeCommand.Invocation(parsed));
