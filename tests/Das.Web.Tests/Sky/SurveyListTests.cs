using System.Net;
using System.Text.Json;
using Das.Web.Hosting;
using Das.Web.Sky;
using Microsoft.Extensions.FileProviders;

namespace Das.Web.Tests.Sky;

public sealed class SurveyListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Local_surveys_are_offered_only_when_their_properties_file_is_served()
    {
        var root = Directory.CreateTempSubdirectory("das-surveys-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "hips"));
            File.WriteAllText(Path.Combine(root.FullName, "hips", "properties"), "hips_order = 3\n");
            var list = new SurveyList(new SkyOptions
            {
                Surveys =
                [
                    new() { Id = "local", Name = "Local", Url = "hips/" },
                    new() { Id = "missing", Name = "Missing", Url = "other-hips/" },
                    new() { Id = "dss2", Name = "DSS2", Url = "https://alasky.cds.unistra.fr/DSS/DSSColor/" },
                ],
            });
            using var files = new PhysicalFileProvider(root.FullName);
            Assert.Equal(["local", "dss2"], list.Available(files).Select(s => s.Id));
            Assert.Equal(["https://alasky.cds.unistra.fr"], list.RemoteOrigins);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_configuration_the_local_survey_alone_is_offered()
    {
        var list = new SurveyList(new SkyOptions());
        Assert.Empty(list.RemoteOrigins);
        Assert.Empty(list.Available(new NullFileProvider()));
    }

    [Fact]
    public void Every_bad_survey_entry_is_reported_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SurveyList(new SkyOptions
        {
            Surveys =
            [
                new() { Id = "a", Name = "A", Url = "javascript:alert(1)" },
                new() { Id = "a", Name = "", Url = "//elsewhere.example/hips" },
                new() { Id = "b c", Name = "B", Url = "../secrets/" },
            ],
        }));
        Assert.Contains("Das:Sky:Surveys:0: Url 'javascript:alert(1)'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Das:Sky:Surveys:1: Id 'a' is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("Das:Sky:Surveys:1: give the survey a Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("Das:Sky:Surveys:1: Url '//elsewhere.example/hips'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Das:Sky:Surveys:2: Id 'b c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Das:Sky:Surveys:2: Url '../secrets/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_allows_this_server_and_the_public_surveys_origins_only()
    {
        var policy = ContentSecurityPolicy.Build(["https://alasky.cds.unistra.fr"]);
        Assert.StartsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; ", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' data: blob: http://127.0.0.1:21012 http://localhost:21012 https://alasky.cds.unistra.fr;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: https://alasky.cds.unistra.fr;", policy, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self' blob:;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval'", policy.Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(ContentSecurityPolicy.Build([]).Length + 2 * " https://alasky.cds.unistra.fr".Length, policy.Length);
    }

    [Fact]
    public async Task The_app_as_configured_offers_the_public_cds_surveys_and_says_so_in_its_policy()
    {
        // src/Das.Web/appsettings.json: the local survey (absent from a fresh wwwroot) and three CDS surveys.
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        var surveys = JsonDocument.Parse(await host.Client.GetStringAsync("/api/surveys", Ct)).RootElement.GetProperty("surveys");
        Assert.Equal(["dss2", "2mass", "panstarrs"], surveys.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.All(surveys.EnumerateArray(), s => Assert.StartsWith("https://alasky.cds.unistra.fr/", s.GetProperty("url").GetString(), StringComparison.Ordinal));
        var page = await host.Client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data: blob: https://alasky.cds.unistra.fr;", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(host.Archive.Requests);
    }
}
