using Das.Cli;

return await DasCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
