using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>Builds the option errors of the datagen connector, naming the option as written.</summary>
internal static class DatagenOptionError
{
    public static TableOptionException Field(string column, string option, string problem) =>
        new($"Option 'fields.{column}.{option}' of connector 'datagen': {problem}", $"fields.{column}.{option}", "connector 'datagen'");

    public static TableOptionException Source(string option, string problem) =>
        new($"Option '{option}' of connector 'datagen': {problem}", option, "connector 'datagen'");
}
