namespace Das.Engine.Tests.Caching;

/// <summary>The answer cache with the default configuration: in this process's memory only.</summary>
public sealed class InMemoryAnswerCacheTests : AnswerCacheContract
{
    protected override EngineOptions Options => new() { MaxConcurrencyPerHost = 16 };

    protected override bool SharedBetweenInstances => false;

    protected override Task WaitUntilSharedAsync(IServiceProvider services, string key, CancellationToken cancellationToken) => Task.CompletedTask;
}
