using Microsoft.Playwright;

namespace Sluice.Web.Tests.Support;

/// <summary>Drives the CodeMirror editor like a person: focus it, select everything, type the new script.</summary>
internal static class EditorDriver
{
    public static async Task ReplaceScriptAsync(IPage page, string script)
    {
        var content = page.Locator(".cm-content");
        await content.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(script);
        await page.Keyboard.PressAsync("Escape"); // close a completion popup, if one opened
        await Assertions.Expect(content).ToContainTextAsync(script.Split('\n')[^1].Trim());
    }

    public static async Task ScreenshotAsync(IPage page, WebUiFixture fixture, string name, bool fullPage = false)
    {
        foreach (var path in fixture.ScreenshotPaths(name))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
            Assert.True(new FileInfo(path).Length > 10_000, $"The screenshot {path} is suspiciously small");
        }
    }
}
