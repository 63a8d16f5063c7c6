using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Sluice.Runtime.Metrics;
using Sluice.Server.Deployments;
using Sluice.Server.Storage;

namespace Sluice.Server.Metrics;

/// <summary>
/// The Prometheus text exposition (version 0.0.4) of the engine's <see cref="System.Diagnostics.Metrics"/>
/// instruments (meter <see cref="JobMetrics.MeterName"/>) for the deployments' jobs, labelled by
/// <c>deployment</c> (and <c>operator</c>, <c>subtask</c> or <c>task</c> as the instrument has them), plus the
/// number of deployments per status.
/// </summary>
/// <remarks>
/// <para><b>Instruments.</b> Observable instruments are read at each scrape (so a job that ended disappears);
/// counters accumulate and histograms become <c>_sum</c>/<c>_count</c> pairs, kept for the server's life.
/// Jobs that are not deployments (previews, validations) are left out.</para>
/// <para><b>Threading.</b> Scrapes are serialized; measurements from job threads are added under the same lock.</para>
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Reconciler _reconciler;
    private readonly MetadataStore _store;
    private readonly Dictionary<SeriesKey, double> _observed = [];
    private readonly Dictionary<SeriesKey, double> _counters = [];
    private readonly Dictionary<SeriesKey, (double Sum, long Count)> _histograms = [];
    private readonly Dictionary<string, (string Type, string Help)> _families = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _deployments = new Dictionary<string, string>();
    private bool _scraping;

    /// <summary>Starts listening to the engine's meter.</summary>
    public PrometheusExporter(Reconciler reconciler, MetadataStore store)
    {
        _reconciler = reconciler;
        _store = store;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == JobMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.Start();
    }

    /// <summary>The exposition text.</summary>
    public string Scrape()
    {
        lock (_lock)
        {
            var ids = _reconciler.RunningJobNames();
            var names = _store.ListDeployments().ToDictionary(d => d.Id, d => d.Spec.Name, StringComparer.Ordinal);
            _deployments = ids.Where(p => names.ContainsKey(p.Value)).ToDictionary(p => p.Key, p => names[p.Value], StringComparer.Ordinal);
            _observed.Clear();
            _scraping = true;
            try
            {
                _listener.RecordObservableInstruments();
            }
            finally
            {
                _scraping = false;
            }

            var text = new StringBuilder();
            var phases = _store.ListDeployments().GroupBy(d => d.Phase).ToDictionary(g => g.Key, g => g.Count());
            text.Append("# HELP sluice_server_deployments Deployments per observed status.\n# TYPE sluice_server_deployments gauge\n");
            foreach (var phase in Enum.GetValues<Contracts.DeploymentPhase>())
            {
                text.Append(CultureInfo.InvariantCulture, $"sluice_server_deployments{{phase=\"{MetadataStore.EnumText(phase)}\"}} {phases.GetValueOrDefault(phase)}\n");
            }

            foreach (var family in _families.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var series = family.Value.Type == "histogram"
                    ? _histograms.Where(s => s.Key.Name == family.Key).SelectMany(s => new[]
                    {
                        (s.Key with { Name = s.Key.Name + "_sum" }, s.Value.Sum), (s.Key with { Name = s.Key.Name + "_count" }, (double)s.Value.Count),
                    })
                    : (family.Value.Type == "counter" ? _counters.Concat(_observed.Where(o => o.Key.Name == family.Key)) : _observed)
                        .Where(s => s.Key.Name == family.Key).Select(s => (s.Key, s.Value));
                var list = series.ToList();
                if (list.Count == 0)
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"# HELP {family.Key} {family.Value.Help}\n# TYPE {family.Key} {(family.Value.Type == "histogram" ? "summary" : family.Value.Type)}\n");
                foreach (var (key, value) in list.OrderBy(s => s.Item1.Name, StringComparer.Ordinal).ThenBy(s => s.Item1.Labels, StringComparer.Ordinal))
                {
                    text.Append(key.Name);
                    if (key.Labels.Length > 0)
                    {
                        text.Append('{').Append(key.Labels).Append('}');
                    }

                    text.Append(' ').Append(FormatValue(value)).Append('\n');
                }
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        string? job = null;
        var labels = new List<string>();
        foreach (var tag in tags)
        {
            if (tag.Key == "job")
            {
                job = tag.Value?.ToString();
            }
            else
            {
                labels.Add($"{Sanitize(tag.Key)}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")}\"");
            }
        }

        lock (_lock)
        {
            if (job is null || !_deployments.TryGetValue(job, out var deployment))
            {
                if (!_scraping)
                {
                    // Counters and histograms arrive between scrapes: look the job up now.
                    var names = _reconciler.RunningJobNames();
                    if (job is null || !names.TryGetValue(job, out var id) || _store.GetDeployment(id) is not { } record)
                    {
                        return;
                    }

                    deployment = record.Spec.Name;
                }
                else
                {
                    return;
                }
            }

            labels.Insert(0, $"deployment=\"{Escape(deployment)}\"");
            var baseName = Sanitize(instrument.Name);
            var (type, name) = instrument switch
            {
                ObservableCounter<long> or ObservableCounter<double> or Counter<long> or Counter<double> => ("counter", baseName + "_total"),
                Histogram<long> or Histogram<double> => ("histogram", baseName),
                _ => ("gauge", baseName),
            };
            if (instrument.Unit is "ms" or "By" && !baseName.Contains(UnitSuffix(instrument.Unit), StringComparison.Ordinal))
            {
                name = type == "counter" ? $"{baseName}_{UnitSuffix(instrument.Unit)}_total" : $"{baseName}_{UnitSuffix(instrument.Unit)}";
            }

            _families.TryAdd(name, (type, instrument.Description ?? instrument.Name));
            var key = new SeriesKey(name, string.Join(',', labels));
            switch (instrument)
            {
                case Counter<long> or Counter<double>:
                    _counters[key] = _counters.GetValueOrDefault(key) + number;
                    break;
                case Histogram<long> or Histogram<double>:
                    var (sum, count) = _histograms.GetValueOrDefault(key);
                    _histograms[key] = (sum + number, count + 1);
                    break;
                default:
                    _observed[key] = _observed.GetValueOrDefault(key) + number;
                    break;
            }
        }
    }

    private static string UnitSuffix(string unit) => unit == "ms" ? "milliseconds" : "bytes";

    private static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    private readonly record struct SeriesKey(string Name, string Labels);
}
