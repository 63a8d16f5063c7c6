using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Server.Hosting;

/// <summary>The JSON conventions of the API and of the metadata store: camelCase members, enums as UPPER_SNAKE_CASE strings.</summary>
internal static class ServerJson
{
    /// <summary>The naming policy of enum values (<c>LATEST_STATE</c>).</summary>
    public static JsonNamingPolicy EnumNaming { get; } = JsonNamingPolicy.SnakeCaseUpper;

    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
