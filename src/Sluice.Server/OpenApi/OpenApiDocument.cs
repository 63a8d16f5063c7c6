using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Server.Endpoints;
using Sluice.Server.Hosting;

namespace Sluice.Server.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the API, generated from <see cref="ApiOperations.All"/> and the contract records
/// (public properties, camelCase, enums as UPPER_SNAKE_CASE strings, nullability from the declarations), so it
/// describes exactly what the server maps and serializes.
/// </summary>
internal static class OpenApiDocument
{
    private static readonly Lazy<string> Cached = new(() => Build(ApiOperations.All).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>The document as indented JSON.</summary>
    public static string Text => Cached.Value;

    /// <summary>Builds the document.</summary>
    public static JsonObject Build(IEnumerable<ApiOperation> operations)
    {
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var operation in operations)
        {
            if (paths[operation.Path] is not JsonObject path)
            {
                path = [];
                paths[operation.Path] = path;
            }

            path[operation.Method.ToLowerInvariant()] = Operation(operation, schemas);
        }

        schemas["ProblemDetails"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "An RFC 7807 problem: every error response.",
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string" },
                ["title"] = new JsonObject { ["type"] = "string" },
                ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                ["detail"] = new JsonObject { ["type"] = "string" },
                ["instance"] = new JsonObject { ["type"] = "string" },
                ["errors"] = new JsonObject { ["type"] = "array", ["items"] = Ref("SqlError") },
            },
        };
        var components = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            components[name] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Sluice server API",
                ["version"] = "v1",
                ["description"] = "Deployments of SQL jobs, their savepoints, events, job graphs and metrics; SQL validation, explain and preview; "
                    + "the catalog; API tokens and secrets. Errors are RFC 7807 problem details.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = components,
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            },
        };
    }

    private static JsonObject Operation(ApiOperation operation, SortedDictionary<string, JsonNode> schemas)
    {
        var result = new JsonObject { ["operationId"] = operation.OperationId, ["summary"] = operation.Summary };
        var parameters = new JsonArray();
        foreach (var segment in operation.Path.Split('/').Where(s => s.StartsWith('{')))
        {
            parameters.Add(new JsonObject { ["name"] = segment.Trim('{', '}'), ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var (name, type, description) in operation.Query)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = new JsonObject { ["type"] = type } });
        }

        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation.Request is { } request)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(request, false, schemas) } },
            };
        }

        var responses = new JsonObject();
        var success = new JsonObject { ["description"] = operation.Status == StatusCodes.Status204NoContent ? "No content." : "Success." };
        if (operation.Response is { } response)
        {
            success["content"] = new JsonObject { [operation.ContentType] = new JsonObject { ["schema"] = Schema(response, false, schemas) } };
        }

        responses[operation.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success;
        if (operation.Role is { } role)
        {
            responses["401"] = Problem("No valid bearer token (required off loopback or once tokens exist).");
            responses["403"] = Problem($"The token's role is below {Storage.MetadataStore.EnumText(role)}.");
            result["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
            result["x-required-role"] = Storage.MetadataStore.EnumText(role);
        }

        responses["default"] = Problem("An error.");
        result["responses"] = responses;
        return result;
    }

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("ProblemDetails") } },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static JsonNode Schema(Type type, bool nullable, SortedDictionary<string, JsonNode> schemas)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Schema(underlying, true, schemas);
        }

        JsonObject Primitive(string name, string? format = null)
        {
            var schema = new JsonObject { ["type"] = nullable ? new JsonArray(name, "null") : name };
            if (format is not null)
            {
                schema["format"] = format;
            }

            return schema;
        }

        if (type == typeof(string))
        {
            return Primitive("string");
        }

        if (type == typeof(int))
        {
            return Primitive("integer", "int32");
        }

        if (type == typeof(long))
        {
            return Primitive("integer", "int64");
        }

        if (type == typeof(double))
        {
            return Primitive("number", "double");
        }

        if (type == typeof(bool))
        {
            return Primitive("boolean");
        }

        if (type == typeof(DateTimeOffset))
        {
            return Primitive("string", "date-time");
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            var array = Primitive("array");
            array["items"] = Schema(element, false, schemas);
            return array;
        }

        var name = type.Name;
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = new JsonObject(); // reserve the name first (recursive types)
            schemas[name] = type.IsEnum ? EnumSchema(type) : ObjectSchema(type, schemas);
        }

        return nullable ? new JsonObject { ["oneOf"] = new JsonArray(Ref(name), new JsonObject { ["type"] = "null" }) } : Ref(name);
    }

    private static JsonObject EnumSchema(Type type) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(ServerJson.EnumNaming.ConvertName(n)))]),
    };

    private static JsonObject ObjectSchema(Type type, SortedDictionary<string, JsonNode> schemas)
    {
        var context = new NullabilityInfoContext();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            // [Required] members are nullable in C# only so that a missing one is reported as a problem, not a null.
            var nullable = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is null && (property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : context.Create(property).ReadState == NullabilityState.Nullable);
            properties[name] = Schema(nullable ? property.PropertyType : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, nullable, schemas);
            if (!nullable)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }
}
