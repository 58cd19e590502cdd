using Das.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDasWeb();
var app = builder.Build();
app.UseDasWeb();
app.Run();

/// <summary>The app's entry point, public so tests can host it (WebApplicationFactory).</summary>
public partial class Program;
