using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>CUMULATE's sixth parameter, <c>emitOnlyOnUpdate</c> (Flink 2's window-tvf.md), positional or named.</summary>
public class CumulateEmitOnlyOnUpdateTests
{
    private static WindowTableFunction Window(string call) =>
        (WindowTableFunction)Bind($"SELECT * FROM {call}").Inputs.Single();

    [Theory]
    [InlineData("CUMULATE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES, INTERVAL '0' SECOND, true)", true)]
    [InlineData("CUMULATE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES, INTERVAL '0' SECOND, FALSE)", false)]
    [InlineData("CUMULATE(DATA => TABLE ShipEvent, TIMECOL => DESCRIPTOR(occurredAt), STEP => INTERVAL '2' MINUTES, SIZE => INTERVAL '10' MINUTES, EMITONLYONUPDATE => true)", true)]
    [InlineData("CUMULATE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)", false)]
    public void Cumulate_EmitOnlyOnUpdate_IsBound(string call, bool expected)
    {
        var window = Window(call);

        Assert.Equal(expected, window.EmitOnlyOnUpdate);
        Assert.Equal(expected, window.ExplainProperties(window.Input.Schema).Contains("emitOnlyOnUpdate=true", StringComparison.Ordinal));
        Assert.Equal(expected, ((WindowTableFunction)window.WithInputs([window.Input])).EmitOnlyOnUpdate);
    }

    [Fact]
    public void Cumulate_EmitOnlyOnUpdateNotABoolean_IsRejected() =>
        BindFails("SELECT * FROM CUMULATE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES, INTERVAL '0' SECOND, 1)",
            "line 1, column 131: The emitOnlyOnUpdate argument of CUMULATE must be TRUE or FALSE");

    [Fact]
    public void Tumble_HasNoEmitOnlyOnUpdate() =>
        BindFails("SELECT * FROM TUMBLE(DATA => TABLE ShipEvent, TIMECOL => DESCRIPTOR(occurredAt), SIZE => INTERVAL '2' MINUTES, EMITONLYONUPDATE => true)",
            "line 1, column 112: TUMBLE has no parameter 'EMITONLYONUPDATE'; its parameters are DATA, TIMECOL, SIZE, OFFSET");
}
