using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Csv;

namespace Sluice.Connectors.Files.Tests.Source;

/// <summary>A temporary directory of CSV files of <see cref="Schema"/> (id BIGINT, name STRING, price DECIMAL(10, 2)).</summary>
internal sealed class CsvDirectory : IDisposable
{
    public static readonly Schema Schema = Schema.Of(
        new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()), new Field("price", DataTypes.Decimal(10, 2)));

    public CsvDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sluice-fs-source-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="rows"/> rows with ids from <paramref name="firstId"/> to a file; returns the expected row strings.</summary>
    public List<string> WriteFile(string name, long firstId, int rows)
    {
        var lines = new List<string>();
        var expected = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            var id = firstId + i;
            lines.Add($"{id},\"name {id}, with comma\",{id % 1000}.{id % 100:00}");
            expected.Add($"+I[{id}, name {id}, with comma, {id % 1000}.{id % 100:00}]");
        }

        WriteText(name, string.Join("\n", lines) + "\n");
        return expected;
    }

    public void WriteText(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    /// <summary>A source over the directory with the csv format.</summary>
    public FileSystemSource Source(int batchSize = 7, TimeSpan? monitorInterval = null, params (string Key, string Value)[] csvOptions)
    {
        var format = new CsvFormatFactory();
        var options = new OptionReader(csvOptions.ToDictionary(o => "csv." + o.Key, o => o.Value), format.Descriptor, "csv.");
        return new FileSystemSource(new FileSystemSourceOptions
        {
            Path = Path,
            CreateDecoder = () => format.CreateDecoder(Schema, options),
            BatchSize = batchSize,
            MonitorInterval = monitorInterval,
            ReadBufferSize = 64,
        });
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
