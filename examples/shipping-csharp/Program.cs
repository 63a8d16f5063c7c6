// The shipping report of examples/shipping (SQL) written with the DataStream API: the latest event per package
// (a keyed process function with value state), left-joined with its route (a keyed co-process function), printed as
// the same table as examples/shipping/README.md.
//
//   dotnet run --project examples/shipping-csharp [data directory] [parallelism]
using ShippingReport;

var dataDirectory = args.Length > 0 ? args[0] : FindData();
var parallelism = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var rows = await ShippingJob.RunAsync(dataDirectory, parallelism);
foreach (var line in ShippingJob.Format(rows))
{
    Console.WriteLine(line);
}

return 0;

static string FindData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        foreach (var candidate in new[] { Path.Combine(dir.FullName, "examples", "shipping", "data"), Path.Combine(dir.FullName, "..", "shipping", "data") })
        {
            if (File.Exists(Path.Combine(candidate, "ship_events.csv")))
            {
                return Path.GetFullPath(candidate);
            }
        }
    }

    var cwd = Path.Combine(Directory.GetCurrentDirectory(), "..", "shipping", "data");
    return File.Exists(Path.Combine(cwd, "ship_events.csv")) ? Path.GetFullPath(cwd) : Path.Combine("examples", "shipping", "data");
}
