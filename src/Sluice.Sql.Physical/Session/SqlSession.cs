using System.Globalization;
using System.Threading.Channels;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.State.Checkpoints;
using Sluice.State.Keyed;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// A SQL session, as Flink's table environment: a catalog, a configuration (<c>SET</c>), and the execution of
/// statements: DDL and utility statements run against the catalog, queries and inserts are planned and started as
/// jobs on the local runtime.
/// </summary>
/// <remarks>
/// <para><b>Configuration keys</b> the session reads: <c>parallelism.default</c>, <c>table.local-time-zone</c>,
/// <c>table.exec.state.ttl</c>, <c>table.exec.sink.type-length-enforcer</c>, <c>execution.checkpointing.interval</c>, <c>pipeline.name</c>,
/// <c>execution.runtime-mode</c> (<c>streaming</c> or <c>batch</c>: both run the same operators and give the same
/// final result), <c>pipeline.jars</c> and <c>sluice.function-assemblies</c> (assemblies <c>CREATE FUNCTION</c> looks
/// classes up in), and the planner's keys (<see cref="PhysicalPlannerOptions.ConfigurationKeys"/>: mini-batch, two-phase and
/// split distinct aggregation). Other keys are kept and shown by <c>SET</c>, as in Flink.</para>
/// <para><b>Threading.</b> Not thread-safe: one statement at a time. The jobs it starts run on their own threads.</para>
/// </remarks>
public sealed partial class SqlSession
{
    private readonly InMemoryCatalog _catalog;
    private readonly Dictionary<string, string> _configuration;
    private readonly List<InsertStatement> _collected = [];
    private bool _restoreConsumed;
    private int _jobCount;

    /// <summary>The configuration keys the session reads (others are kept and shown by <c>SET</c>).</summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } =
    [
        "parallelism.default", "table.local-time-zone", "table.exec.state.ttl", "execution.checkpointing.interval",
        "execution.runtime-mode", "pipeline.name", PipelineJarsKey, FunctionAssembliesKey, SinkLengthEnforcerKey,
        .. PhysicalPlannerOptions.ConfigurationKeys,
    ];

    /// <summary>Creates a session.</summary>
    public SqlSession(SqlSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _catalog = new InMemoryCatalog(storeProvider: new RegistryCatalogStores(options.Registry));
        _configuration = new Dictionary<string, string>(options.Configuration, StringComparer.Ordinal);
    }

    /// <summary>The options the session was created with.</summary>
    public SqlSessionOptions Options { get; }

    /// <summary>The session's catalog.</summary>
    public IMutableCatalog Catalog => _catalog;

    /// <summary>The configuration set so far.</summary>
    public IReadOnlyDictionary<string, string> Configuration => _configuration;

    /// <summary>The number of collected <c>INSERT</c>s not submitted yet.</summary>
    public int CollectedInsertCount => _collected.Count;

    /// <summary>Parses a script into statements.</summary>
    /// <exception cref="SqlException">A syntax error, with its line and column.</exception>
    public static IReadOnlyList<SqlStatement> ParseScript(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SqlParser.ParseScript(text);
    }

    /// <summary>Executes one statement (see <see cref="SqlStatementOutcome"/>).</summary>
    /// <exception cref="SluiceException">The statement is invalid (a <see cref="SqlException"/> with its position), or its job cannot be planned.</exception>
    public SqlStatementOutcome Execute(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        switch (statement)
        {
            case SetStatement set:
                return SqlStatementOutcome.OfResult(Set(set));
            case ResetStatement reset:
                if (reset.Key is null)
                {
                    _configuration.Clear();
                    foreach (var (key, value) in Options.Configuration)
                    {
                        _configuration[key] = value;
                    }
                }
                else
                {
                    _configuration.Remove(reset.Key);
                }

                return SqlStatementOutcome.OfResult(StatementResult.Ok);
            case ExplainStatement explain when Planner.IsQueryOrInsert(explain.Statement) || explain.Statement is StatementSetStatement:
                return SqlStatementOutcome.OfResult(StatementResult.Of(["plan"], [[Explain(explain.Statement, [.. explain.Details])]]));
            case QueryStatement query:
                return SqlStatementOutcome.OfJob(StartQuery(query));
            case InsertStatement insert:
                if (Options.CollectInserts)
                {
                    Bind(insert);
                    _collected.Add(insert);
                    return SqlStatementOutcome.Collected;
                }

                return SqlStatementOutcome.OfJob(StartInserts([insert]));
            case StatementSetStatement set:
                if (Options.CollectInserts)
                {
                    foreach (var insert in set.Statements)
                    {
                        Bind(insert);
                    }

                    _collected.AddRange(set.Statements);
                    return SqlStatementOutcome.Collected;
                }

                return SqlStatementOutcome.OfJob(StartInserts(set.Statements));
            case CreateFunctionStatement function:
                return SqlStatementOutcome.OfResult(CreateFunction(function));
            case AlterFunctionStatement alterFunction:
                return SqlStatementOutcome.OfResult(FunctionLoader().Alter(alterFunction, _catalog));
            case CreateTableStatement { AsQuery: { } query } create:
            {
                // CREATE TABLE ... AS SELECT: create the table, then insert the query's rows into it (Flink's CTAS).
                var result = Planner.Execute(statement, _catalog);
                var insert = new InsertStatement(create.Span, create.Name, false, NodeList<Hint>.Empty, NodeList<PartitionValue>.Empty,
                    CtasTargetColumns(create, query), query);
                var outcome = Execute(insert);
                return outcome.IsCollectedInsert ? SqlStatementOutcome.OfResult(result) : outcome;
            }

            default:
                return SqlStatementOutcome.OfResult(Planner.Execute(statement, _catalog, Options.ScriptDirectory));
        }
    }

    /// <summary>Starts one job for every <c>INSERT</c> collected so far, or returns null when there is none.</summary>
    public SqlJob? SubmitCollectedInserts() => PlanCollectedInserts() is { } plan ? Submit(plan) : null;

    /// <summary>
    /// Plans every <c>INSERT</c> collected so far into one job without starting it (see <see cref="Submit"/>), or
    /// returns null when there is none. The collected inserts are consumed.
    /// </summary>
    /// <param name="jobName">The job's name; default <c>pipeline.name</c>, else one made of the sink tables' names.</param>
    /// <exception cref="SluiceException">The inserts cannot be planned.</exception>
    public SqlJobPlan? PlanCollectedInserts(string? jobName = null)
    {
        if (_collected.Count == 0)
        {
            return null;
        }

        var inserts = _collected.ToList();
        _collected.Clear();
        var planner = PlanInserts(inserts, jobName);
        return new SqlJobPlan(planner.Build(), planner.Explain, planner.IsBounded);
    }

    /// <summary>
    /// Starts a job planned by <see cref="PlanCollectedInserts"/> with the session's job settings (checkpointing, the
    /// restore point of <see cref="SqlSessionOptions.FromSavepoint"/> for the session's first job, restart strategy).
    /// </summary>
    public SqlJob Submit(SqlJobPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var channel = Channel.CreateUnbounded<RecordBatch>();
        channel.Writer.TryComplete();
        var client = LocalExecutor.Start(plan.Graph, CreateJobConfig());
        return new SqlJob(plan.Graph.Name, client, null, channel, plan.IsBounded, plan.Plan);
    }

    /// <summary>The plan of a query, insert or statement set, with each node's changelog mode (Flink's <c>EXPLAIN</c>).</summary>
    public string Explain(SqlStatement statement) => Explain(statement, []);

    /// <summary>
    /// The plan of a query, insert or statement set in the sections of Flink's <c>EXPLAIN</c> (abstract syntax tree,
    /// optimized physical plan with each node's changelog mode, optimized execution plan), with the sections and
    /// annotations of the <paramref name="details"/> asked for (see <see cref="ExplainFormatter"/>).
    /// </summary>
    public string Explain(SqlStatement statement, IReadOnlyCollection<ExplainDetail> details)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(details);
        var statements = statement is StatementSetStatement set ? set.Statements.Cast<SqlStatement>().ToList() : [statement];
        var bound = statements.Select(s => Planner.Bind(s, _catalog)).ToList();
        var planner = CreatePlanner("explain");
        var channel = Channel.CreateUnbounded<RecordBatch>();
        var optimizedPlans = bound.Select(Planner.Optimize).ToList();
        if (optimizedPlans.All(p => p is Sink))
        {
            planner.Prepare(optimizedPlans);
        }

        for (var i = 0; i < bound.Count; i++)
        {
            var optimized = optimizedPlans[i];
            AtStatement(statements[i], () =>
            {
                if (optimized is Sink)
                {
                    planner.AddInsert(optimized);
                }
                else
                {
                    planner.AddQuery(optimized, channel.Writer);
                }
            });
        }

        var miniBatch = _configuration.TryGetValue(PhysicalPlannerOptions.MiniBatchEnabledKey, out var enabled)
            && enabled.Equals("true", StringComparison.OrdinalIgnoreCase);
        return ExplainFormatter.Format(string.Concat(bound.Select(b => b.Explain())), planner.Explain, planner.Build(), details, miniBatch);
    }

    private LogicalPlan Bind(SqlStatement statement) => Planner.Plan(statement, _catalog);

    private SqlJob StartQuery(QueryStatement query)
    {
        var plan = Bind(query);
        var planner = CreatePlanner(JobName("collect"));
        var channel = Channel.CreateUnbounded<RecordBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Core.Schemas.Schema? schema = null;
        AtStatement(query, () => schema = planner.AddQuery(plan, channel.Writer));
        return Start(planner, schema, channel);
    }

    private SqlJob StartInserts(IReadOnlyList<InsertStatement> inserts)
    {
        var planner = PlanInserts(inserts, null);
        var channel = Channel.CreateUnbounded<RecordBatch>();
        channel.Writer.TryComplete();
        return Start(planner, null, channel);
    }

    private PhysicalPlanner PlanInserts(IReadOnlyList<InsertStatement> inserts, string? jobName)
    {
        var plans = inserts.Select(Bind).ToList();
        var fallback = JobName("insert-into_" + string.Join("_", plans.OfType<Sink>().Select(s => s.Table.Identifier.Name)));
        var planner = CreatePlanner(jobName ?? fallback);
        planner.Prepare(plans);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            AtStatement(inserts[i], () => planner.AddInsert(plan));
        }

        return planner;
    }

    /// <summary>Plans a statement's job part; an operator that cannot be built fails with the statement's position.</summary>
    private static void AtStatement(SqlStatement statement, Action plan)
    {
        try
        {
            plan();
        }
        catch (OperatorBuildException e)
        {
            throw new SqlException(SqlErrorCode.NotSupported, e.Span ?? statement.Span, e.Message, e);
        }
    }

    private SqlJob Start(PhysicalPlanner planner, Core.Schemas.Schema? schema, Channel<RecordBatch> channel)
    {
        var graph = planner.Build();
        var client = LocalExecutor.Start(graph, CreateJobConfig());
        return new SqlJob(graph.Name, client, schema, channel, planner.IsBounded, planner.Explain);
    }

    private string JobName(string fallback)
    {
        _jobCount++;
        return _configuration.TryGetValue("pipeline.name", out var name) ? name : fallback;
    }

    private PhysicalPlanner CreatePlanner(string name)
    {
        // The job parameters of the functions this job opens: the configuration as it is now.
        _jobParameters = new Dictionary<string, string>(_configuration, StringComparer.Ordinal);
        return new(name, _catalog, new PhysicalPlannerOptions(Options.Registry)
        {
            Parallelism = Parallelism,
            SessionTimeZone = LocalTimeZone,
            StateTtl = StateTtl,
            TrimAndPadSinkStrings = TrimAndPadSinkStrings,
            Clock = Options.Clock,
            ScriptDirectory = Options.ScriptDirectory,
        }.WithConfiguration(_configuration));
    }

    private JobConfig CreateJobConfig()
    {
        var restore = _restoreConsumed ? null : Options.FromSavepoint;
        _restoreConsumed = true;
        var directory = Options.CheckpointDirectory;
        var interval = _configuration.TryGetValue("execution.checkpointing.interval", out var text)
            ? ParseDuration("execution.checkpointing.interval", text)
            : Options.CheckpointInterval;
        var latest = string.Equals(restore, "latest", StringComparison.OrdinalIgnoreCase);
        if (latest && directory is null)
        {
            throw new SluiceException("Restoring from the latest checkpoint needs a checkpoint directory (--checkpoint-dir).", ErrorDomain.User);
        }

        return new JobConfig
        {
            CheckpointInterval = interval,
            CheckpointStorage = directory is null ? null : new DirectoryCheckpointStorage(directory),
            SavepointDirectory = directory is null ? null : Path.Combine(directory, "savepoints"),
            RestoreFrom = latest ? null : restore,
            RestoreFromLatest = latest,
            AllowNonRestoredState = Options.AllowNonRestoredState,
            RestartStrategy = Options.RestartStrategy,
            TimeProvider = Options.Clock,
        };
    }

    private int Parallelism =>
        _configuration.TryGetValue("parallelism.default", out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
                ? p
                : throw new SluiceException($"'parallelism.default' must be a positive integer, not '{text}'.", ErrorDomain.User)
            : Options.Parallelism;

    /// <summary>
    /// The session time zone (<c>'table.local-time-zone'</c>; UTC when unset): how <c>TIMESTAMP_LTZ</c> values are
    /// shown and converted.
    /// </summary>
    /// <exception cref="SluiceException">The option names no known zone (a user error).</exception>
    public TimeZoneInfo LocalTimeZone
    {
        get
        {
            if (!_configuration.TryGetValue("table.local-time-zone", out var id))
            {
                return TimeZoneInfo.Utc;
            }

            return ExpressionEnvironment.TryParseTimeZone(id, out var zone)
                ? zone
                : throw new SluiceException($"'table.local-time-zone' = '{id}' is not a known time zone (use an IANA name such as 'Europe/Berlin', 'UTC' or 'GMT+08:00').", ErrorDomain.User);
        }
    }

    private StateTtlConfig? StateTtl =>
        _configuration.TryGetValue("table.exec.state.ttl", out var text) && ParseDuration("table.exec.state.ttl", text) is { } ttl && ttl > TimeSpan.Zero
            ? new StateTtlConfig(ttl)
            : null;

    private const string SinkLengthEnforcerKey = "table.exec.sink.type-length-enforcer";

    /// <summary><c>table.exec.sink.type-length-enforcer</c>: <c>IGNORE</c> (the default) or <c>TRIM_PAD</c>.</summary>
    private bool TrimAndPadSinkStrings =>
        _configuration.TryGetValue(SinkLengthEnforcerKey, out var text)
        && (text.Equals("TRIM_PAD", StringComparison.OrdinalIgnoreCase)
            || (text.Equals("IGNORE", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new SluiceException($"'{SinkLengthEnforcerKey}' must be IGNORE or TRIM_PAD, not '{text}'.", ErrorDomain.User)));

    private StatementResult Set(SetStatement set)
    {
        if (set.Key is null)
        {
            return StatementResult.Of(["key", "value"], _configuration.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<object?>)[p.Key, p.Value]));
        }

        if (set.Value is null)
        {
            return StatementResult.Of(["key", "value"], _configuration.TryGetValue(set.Key, out var current) ? [[set.Key, current]] : []);
        }

        var previous = _configuration.TryGetValue(set.Key, out var old) ? old : null;
        _configuration[set.Key] = set.Value;
        try
        {
            _ = Parallelism;
            _ = LocalTimeZone;
            _ = StateTtl;
            _ = TrimAndPadSinkStrings;
            PhysicalPlannerOptions.ValidateOption(set.Key, set.Value);
        }
        catch (SluiceException)
        {
            if (previous is null)
            {
                _configuration.Remove(set.Key);
            }
            else
            {
                _configuration[set.Key] = previous;
            }

            throw;
        }

        return StatementResult.Ok;
    }

    /// <summary>Parses a duration as Flink writes them: <c>10 s</c>, <c>500ms</c>, <c>1min</c>, <c>2 h</c>, <c>1 d</c>, or milliseconds.</summary>
    /// <exception cref="SluiceException">The text is not a duration.</exception>
    public static TimeSpan ParseDuration(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new SluiceException($"'{key}' = '{text}' is not a duration (for example '10 s', '500 ms', '1 min').", ErrorDomain.User);
        }

        var unit = trimmed[split..].Trim().ToLowerInvariant();
        double? millis = unit switch
        {
            "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => amount,
            "s" or "sec" or "secs" or "second" or "seconds" => amount * 1000,
            "m" or "min" or "mins" or "minute" or "minutes" => amount * 60_000,
            "h" or "hour" or "hours" => amount * 3_600_000,
            "d" or "day" or "days" => amount * 86_400_000,
            _ => null,
        };
        return millis is { } ms
            ? TimeSpan.FromMilliseconds(ms)
            : throw new SluiceException($"'{key}' = '{text}' has an unknown time unit '{unit}' (use ms, s, min, h or d).", ErrorDomain.User);
    }
}
