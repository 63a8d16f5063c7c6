using Sluice.Sql.Ast;
using Sluice.Sql.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Session;

/// <summary><c>CREATE FUNCTION</c> and <c>ALTER FUNCTION</c>: C# functions from assemblies, opened with the session configuration as job parameters.</summary>
public sealed partial class SqlSession
{
    /// <summary>Flink's option naming the archives of user code; here semicolon-separated .NET assemblies <c>CREATE FUNCTION</c> looks classes up in.</summary>
    private const string PipelineJarsKey = "pipeline.jars";

    /// <summary>Sluice's name for the same list of assemblies (semicolon-separated).</summary>
    private const string FunctionAssembliesKey = "sluice.function-assemblies";

    private volatile IReadOnlyDictionary<string, string> _jobParameters = new Dictionary<string, string>();

    /// <summary>
    /// Loads and registers a C# function. Relative assembly paths are resolved against the script's directory, then
    /// the current directory; the function's <see cref="FunctionContext"/> has the configuration of the job that opens
    /// it (as it was when the job was planned).
    /// </summary>
    private StatementResult CreateFunction(CreateFunctionStatement statement) => FunctionLoader().Execute(statement, _catalog);

    /// <summary>A loader over the session's assemblies (<c>pipeline.jars</c>, <c>sluice.function-assemblies</c>) and script directory.</summary>
    private UserDefinedFunctionLoader FunctionLoader()
    {
        var assemblies = UserDefinedFunctionLoader.SplitPaths(_configuration.GetValueOrDefault(PipelineJarsKey))
            .Concat(UserDefinedFunctionLoader.SplitPaths(_configuration.GetValueOrDefault(FunctionAssembliesKey)))
            .ToList();
        return new UserDefinedFunctionLoader(Options.ScriptDirectory, assemblies, () => _jobParameters);
    }
}
