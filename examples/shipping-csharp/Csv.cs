using System.Text;

namespace ShippingReport;

/// <summary>A minimal CSV field splitter (commas, double quotes with "" escapes).</summary>
public static class Csv
{
    /// <summary>The fields of one line.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The data lines of a file (the '#' comment line skipped).</summary>
    public static IEnumerable<string> DataLines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
