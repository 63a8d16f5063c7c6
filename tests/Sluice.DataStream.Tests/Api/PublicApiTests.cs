using System.Reflection;
using System.Text;

namespace Sluice.DataStream.Tests.Api;

/// <summary>
/// The public surface of Sluice.DataStream is recorded in docs/api/Sluice.DataStream.txt. A change to it fails this test
/// until the listing is regenerated (<c>UPDATE_API=1 dotnet test</c>) and the diff is reviewed with the change.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesTheReviewedListing()
    {
        var actual = Describe(typeof(StreamExecutionEnvironment).Assembly);
        var path = Repository.PathOf("docs", "api", "Sluice.DataStream.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with UPDATE_API=1 and review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(expected == actual,
            "The public API of Sluice.DataStream changed. Run the tests with UPDATE_API=1, review docs/api/Sluice.DataStream.txt, " +
            "and commit it with the change.\n" + FirstDifference(expected, actual));
    }

    [Fact]
    public void PublicApi_AsyncMethods_EndInAsyncAndTakeACancellationToken()
    {
        var violations = new List<string>();
        foreach (var type in typeof(StreamExecutionEnvironment).Assembly.GetExportedTypes())
        {
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var returnsTask = typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal);
                if (!returnsTask || m.IsSpecialName || m.Name == nameof(IAsyncDisposable.DisposeAsync))
                {
                    continue;
                }

                if (!m.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    violations.Add($"{type.Name}.{m.Name} returns a task but does not end in Async");
                }

                if (!m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
                {
                    violations.Add($"{type.Name}.{m.Name} takes no CancellationToken");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}: listed '{el}', actual '{al}'";
            }
        }

        return "";
    }

    /// <summary>Every public type with its public and protected members, one line each, sorted; nullability shown.</summary>
    internal static string Describe(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var sb = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(TypeKind(type)).Append(' ').Append(TypeName(type));
            var bases = new List<string>();
            if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
            {
                bases.Add(TypeName(b));
            }

            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(TypeName).Order(StringComparer.Ordinal));
            if (bases.Count > 0)
            {
                sb.Append(" : ").Append(string.Join(", ", bases));
            }

            sb.Append('\n');
            var members = new List<string>();
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var m in type.GetMembers(flags))
            {
                var line = Member(m, nullability);
                if (line is not null)
                {
                    members.Add("  " + line);
                }
            }

            foreach (var line in members.Order(StringComparer.Ordinal))
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string? Member(MemberInfo member, NullabilityInfoContext nullability)
    {
        switch (member)
        {
            case ConstructorInfo c when c.IsPublic || c.IsFamily:
                return $"{Access(c)}ctor({Parameters(c.GetParameters(), nullability)})";
            case MethodInfo m when (m.IsPublic || m.IsFamily) && !m.IsSpecialName:
                var generic = m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";
                var modifiers = m.IsStatic ? "static " : m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m ? "virtual " : "";
                return $"{Access(m)}{modifiers}{Nullable(m.ReturnParameter, nullability)} {m.Name}{generic}({Parameters(m.GetParameters(), nullability)})";
            case PropertyInfo p when (p.GetMethod?.IsPublic ?? false) || (p.GetMethod?.IsFamily ?? false):
                var accessors = (p.GetMethod is not null ? "get; " : "") + (p.SetMethod is { } s && (s.IsPublic || s.IsFamily)
                    ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ")
                    : "");
                return $"{(p.GetMethod!.IsStatic ? "static " : "")}{Nullable(p, nullability)} {p.Name} {{ {accessors}}}";
            case FieldInfo f when (f.IsPublic || f.IsFamily) && !f.IsSpecialName:
                return f.DeclaringType!.IsEnum ? $"{f.Name} = {f.GetRawConstantValue()}" : $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{TypeName(f.FieldType)} {f.Name}";
            default:
                return null;
        }
    }

    private static string Access(MethodBase m) => m.IsFamily ? "protected " : "";

    private static string Parameters(ParameterInfo[] parameters, NullabilityInfoContext nullability) =>
        string.Join(", ", parameters.Select(p =>
            $"{(p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "")}{Nullable(p, nullability)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Nullable(ParameterInfo p, NullabilityInfoContext nullability) => WithNullability(p.ParameterType, nullability.Create(p));

    private static string Nullable(PropertyInfo p, NullabilityInfoContext nullability) => WithNullability(p.PropertyType, nullability.Create(p));

    private static string WithNullability(Type type, NullabilityInfo info) =>
        TypeName(type) + (!type.IsValueType && !type.IsGenericParameter && info.ReadState == NullabilityState.Nullable ? "?" : "");

    private static string TypeKind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class"
            : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string TypeName(Type t)
    {
        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        if (System.Nullable.GetUnderlyingType(t) is { } u)
        {
            return TypeName(u) + "?";
        }

        if (t.IsArray)
        {
            return TypeName(t.GetElementType()!) + "[]";
        }

        var name = t.IsNested ? $"{TypeName(t.DeclaringType!)}.{t.Name}" : t.Namespace is null ? t.Name : $"{t.Namespace}.{t.Name}";
        if (!t.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick >= 0 ? name[..tick] : name)}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>";
    }
}
