using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sluice.Web.Tests.Support;

namespace Sluice.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class EditorTests(WebUiFixture fixture)
{
    private const string Orders = """
        CREATE TABLE orders (order_id BIGINT, customer STRING, amount INT) WITH (
          'connector' = 'datagen', 'rows-per-second' = '20',
          'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '1000000',
          'fields.customer.length' = '6', 'fields.amount.min' = '1', 'fields.amount.max' = '500');
        """;

    [Fact]
    public async Task InvalidScript_ShowsTheErrorAtItsPosition_AsDiagnostic()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            var script = Orders + "\nSELECT order_id, customer\nFROM orders\nWHERE no_such_column > 10";
            await EditorDriver.ReplaceScriptAsync(page, script);

            // The position the server reports, and the UI must show it and underline the token there.
            using var http = new HttpClient { BaseAddress = fixture.Address };
            var response = await http.PostAsJsonAsync("/api/v1/sql/validate", new { sql = script });
            var error = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!;
            var (line, column) = ((int)error["line"]!, (int)error["column"]!);
            Assert.Equal(script.Split('\n').Length, line); // the error is on the WHERE line, not somewhere else

            await Assertions.Expect(page.GetByTestId("validation")).ToContainTextAsync($"Line {line}, column {column}");
            var underlined = page.Locator(".cm-lintRange-error");
            await Assertions.Expect(underlined.First).ToHaveTextAsync("no_such_column");
            await Assertions.Expect(page.Locator(".cm-lint-marker-error")).ToHaveCountAsync(1);
            await underlined.First.HoverAsync();
            await Assertions.Expect(page.Locator(".cm-tooltip-lint")).ToContainTextAsync("no_such_column");
            await EditorDriver.ScreenshotAsync(page, fixture, "editor-error");

            // Fixing the script clears the diagnostic.
            await EditorDriver.ReplaceScriptAsync(page, Orders + "\nSELECT order_id, customer\nFROM orders\nWHERE amount > 10");
            await Assertions.Expect(page.GetByTestId("validation")).ToContainTextAsync("Valid");
            await Assertions.Expect(page.Locator(".cm-lintRange-error")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Run_StreamsPreviewRows_IntoTheTable_AndStopEndsIt()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await EditorDriver.ReplaceScriptAsync(page, Orders + "\n-- Orders above 10, with their amount doubled\nSELECT order_id, customer, amount, amount * 2 AS doubled\nFROM orders\nWHERE amount > 10");
            await Assertions.Expect(page.GetByTestId("validation")).ToContainTextAsync("Valid");
            await page.GetByTestId("run").ClickAsync();

            var table = page.GetByTestId("preview-table");
            await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(new Regex[] { new("op"), new("order_id"), new("customer"), new("amount"), new("doubled") });
            var rows = table.Locator("tbody tr");
            await Assertions.Expect(rows.Nth(7)).ToBeVisibleAsync(); // rows keep arriving while the query runs
            await Assertions.Expect(page.GetByTestId("preview-status")).ToContainTextAsync("streaming");

            foreach (var row in (await rows.AllAsync()).Take(8))
            {
                var cells = await row.Locator("td").AllInnerTextsAsync();
                Assert.Equal("+I", cells[0]);
                var amount = long.Parse(cells[3], CultureInfo.InvariantCulture);
                Assert.True(amount > 10, $"the filter let {amount} through");
                Assert.Equal(amount * 2, long.Parse(cells[4], CultureInfo.InvariantCulture));
            }

            var ids = (await rows.Locator("td:nth-child(2)").AllInnerTextsAsync()).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);

            await EditorDriver.ScreenshotAsync(page, fixture, "editor");

            await page.GetByTestId("stop").ClickAsync();
            await Assertions.Expect(page.GetByTestId("run")).ToBeEnabledAsync();
            await Assertions.Expect(page.GetByTestId("stop")).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByTestId("preview-status")).ToContainTextAsync("stopped");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Run_AppliesTheChangelog_SoAnAggregationShowsOneRowPerKey()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await EditorDriver.ReplaceScriptAsync(page, Orders + "\nSELECT amount % 3 AS bucket, COUNT(*) AS orders_in_bucket\nFROM orders\nGROUP BY amount % 3");
            await page.GetByTestId("run").ClickAsync();
            var rows = page.GetByTestId("preview-table").Locator("tbody tr");

            // Updates retract the old count (-U) and add the new one (+U): the table keeps one row per bucket while changes pile up.
            await Assertions.Expect(page.GetByTestId("preview-status")).ToHaveTextAsync(new Regex(@"· ([2-9]\d|\d{3,}) changes"), new() { Timeout = 30_000 });
            await page.GetByTestId("stop").ClickAsync();
            var buckets = await rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
            Assert.InRange(buckets.Count, 1, 3);
            Assert.Equal(buckets.Distinct().Count(), buckets.Count);
            Assert.Contains(await rows.Locator("td:first-child").AllInnerTextsAsync(), kind => kind == "+U");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Completion_OffersTheScriptsTables_ItsColumns_AndFunctions()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await EditorDriver.ReplaceScriptAsync(page, Orders + "\nSELECT order_id FROM orders;");
            var completions = page.Locator(".cm-tooltip-autocomplete");

            // A table declared by the script itself (completion picks its tables up after a short pause).
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("aside.catalog")).ToContainTextAsync("customer");
            await page.Keyboard.TypeAsync("SELECT cust");
            await Assertions.Expect(completions).ToContainTextAsync("customer");
            await page.Keyboard.PressAsync("Escape");

            await page.Keyboard.TypeAsync(" FROM ord");
            await Assertions.Expect(completions).ToContainTextAsync("orders");
            await page.Keyboard.PressAsync("Escape");

            // A built-in function, from the catalog, inserted with its parenthesis.
            await page.Keyboard.TypeAsync(" WHERE UPPE");
            var option = completions.Locator("li", new() { HasText = "UPPER" }).Filter(new() { Has = page.Locator(".cm-completionIcon-function") });
            await option.First.ClickAsync();
            await Assertions.Expect(page.Locator(".cm-content")).ToContainTextAsync("WHERE UPPER(");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Explain_ShowsThePlan()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await EditorDriver.ReplaceScriptAsync(page, Orders + "\nSELECT customer, COUNT(*) AS n FROM orders GROUP BY customer");
            await page.GetByTestId("explain").ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan")).ToContainTextAsync("orders");
            await Assertions.Expect(page.GetByTestId("plan")).Not.ToContainTextAsync("Planning");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
