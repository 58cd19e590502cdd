using Das.Tables.VoTable;
using Das.Vo.Answers;
using Das.Vo.Datalink;
using Das.Vo.Http;
using Das.Vo.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Datalink;

public sealed class DatalinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly VoRequest Request = new DatalinkQuery
    {
        Endpoint = new Uri("http://127.0.0.1:8089/__system__/obscore/dl/dlmeta"),
        Ids = ["ivo://synthetic.test/~?synthimg/data/frb_host_r_02.fits"],
    }.BuildRequest();

    private static async Task<IReadOnlyList<DatalinkLink>> LinksOf(string fixture)
    {
        await using var stream = Fixture.Open("Datalink", fixture);
        var answer = VoAnswerReader.Interpret(Request, await VoTableReader.ReadAsync(stream, null, Ct), null);
        return DatalinkParser.Links(answer);
    }

    [Fact]
    public void Request_carries_the_dataset_id_encoded()
    {
        Assert.Equal("http://127.0.0.1:8089/__system__/obscore/dl/dlmeta?ID=ivo://synthetic.test/~%3Fsynthimg/data/frb_host_r_02.fits", Request.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Dachs_links_give_the_dataset_itself_and_its_preview()
    {
        var links = await LinksOf("dachs-dlmeta-frb-host-r.xml");
        var self = Assert.Single(links, l => l.Semantics == "#this");
        Assert.Equal("http://127.0.0.1:8089/getproduct/synthimg/data/frb_host_r_02.fits", self.AccessUrl);
        Assert.Equal("image/fits", self.ContentType);
        Assert.Contains(links, l => l.Semantics == "#preview" && l.AccessUrl!.EndsWith("?preview=True", StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l.IsError);
    }

    [Fact]
    public async Task Unknown_dataset_is_an_error_row_with_the_service_words()
    {
        var link = Assert.Single(await LinksOf("dachs-dlmeta-unknown-id.xml"));
        Assert.True(link.IsError);
        Assert.StartsWith("NotFoundFault: No data set with pubDID", link.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(link.AccessUrl);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Dachs_datalink_service_answers_for_an_image_from_sia()
    {
        var request = new DatalinkQuery { Endpoint = DachsPeer.Url("__system__/obscore/dl/dlmeta"), Ids = ["ivo://synthetic.test/~?synthimg/data/frb_host_r_02.fits"] }.BuildRequest();
        await using var services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        var answer = await services.GetRequiredService<VoQueryClient>().QueryAsync(request, new VoCallOptions(), null, Ct);
        Assert.Contains(DatalinkParser.Links(answer), l => l.Semantics == "#this" && l.ContentType == "image/fits");
    }
}
