namespace Sluice.Web.Tests.Support;

/// <summary>The browser tests share one server and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class WebUiCollection : ICollectionFixture<WebUiFixture>
{
    public const string Name = "web-ui";
}
