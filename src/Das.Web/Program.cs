using Das.Sources.Catalog;
using Das.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddDasWeb();
}
catch (SourceCatalogException ex)
{
    // A bad catalogue file is the user's input: one message naming the file and every problem, exit code 2.
    await Console.Error.WriteLineAsync("das serve: " + ex.Message);
    return 2;
}
var app = builder.Build();
app.UseDasWeb();
await app.RunAsync();
return 0;

/// <summary>The app's entry point, public so tests can host it (WebApplicationFactory).</summary>
public partial class Program;
