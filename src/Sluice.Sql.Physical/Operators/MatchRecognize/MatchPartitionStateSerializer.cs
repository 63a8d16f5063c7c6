using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>Writes a <see cref="MatchPartitionState"/>: counters, buffered rows, then the partial matches. Stateless.</summary>
internal sealed class MatchPartitionStateSerializer : ITypeSerializer<MatchPartitionState>
{
    public static MatchPartitionStateSerializer Instance { get; } = new();

    public void Serialize(MatchPartitionState value, BinaryBufferWriter writer)
    {
        writer.WriteVarInt64(value.NextSequence);
        writer.WriteVarInt64(value.NextStart);
        writer.WriteVarUInt64((ulong)value.Rows.Count);
        foreach (var row in value.Rows)
        {
            writer.WriteVarInt64(row.Sequence);
            writer.WriteVarInt64(row.Time);
            writer.WriteBytes(row.Row.Bytes.Span);
        }

        writer.WriteVarUInt64((ulong)value.Threads.Count);
        foreach (var thread in value.Threads)
        {
            writer.WriteVarInt64(thread.Start);
            writer.WriteVarInt64(thread.Pc);
            writer.WriteBoolean(thread.Complete);
            writer.WriteBytes(thread.Variables);
        }
    }

    public MatchPartitionState Deserialize(BinaryBufferReader reader)
    {
        var state = new MatchPartitionState { NextSequence = reader.ReadVarInt64(), NextStart = reader.ReadVarInt64() };
        var rows = (int)reader.ReadVarUInt64();
        for (var i = 0; i < rows; i++)
        {
            var sequence = reader.ReadVarInt64();
            var time = reader.ReadVarInt64();
            state.Rows.Add(new MatchBufferedRow(sequence, time, new RowData(reader.ReadBytes().ToArray())));
        }

        var threads = (int)reader.ReadVarUInt64();
        for (var i = 0; i < threads; i++)
        {
            var start = reader.ReadVarInt64();
            var pc = (int)reader.ReadVarInt64();
            var complete = reader.ReadBoolean();
            state.Threads.Add(new MatchThread(start, pc, reader.ReadBytes().ToArray(), complete));
        }

        return state;
    }
}
