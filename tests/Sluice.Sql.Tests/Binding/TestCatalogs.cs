using Sluice.Core.Types;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Catalogs for binder and planner tests: the shipping tables, a table of every type, a test table function.</summary>
public static class TestCatalogs
{
    /// <summary>The shipping scenario's tables.</summary>
    public const string ShippingDdl = """
        CREATE TABLE ShipEvent (
          trackingNumber BIGINT,
          occurredAt TIMESTAMP(3),
          eventCode STRING,
          statusCode STRING,
          statusDescription STRING,
          carrierCode STRING,
          country STRING,
          state STRING,
          city STRING,
          postalCode STRING,
          currentStopId INT,
          WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
        ) WITH ('connector' = 'kafka', 'topic' = 'ship-events', 'format' = 'json');
        CREATE TABLE ShipRoute (
          routeId BIGINT,
          trackingNumber BIGINT NOT NULL,
          endStopId INT,
          updatedAt TIMESTAMP(3),
          PRIMARY KEY (trackingNumber) NOT ENFORCED,
          WATERMARK FOR updatedAt AS updatedAt
        ) WITH ('connector' = 'upsert-kafka', 'topic' = 'ship-routes', 'key.format' = 'json', 'value.format' = 'json');
        """;

    /// <summary>A table with a column of (almost) every type, named after the type; <c>nn_*</c> columns are NOT NULL.</summary>
    public const string TypesDdl = """
        CREATE TABLE T (
          ti TINYINT, si SMALLINT, i INT, bi BIGINT,
          d52 DECIMAL(5, 2), d102 DECIMAL(10, 2), d380 DECIMAL(38, 0), d3818 DECIMAL(38, 18),
          f FLOAT, db DOUBLE,
          s STRING, c3 CHAR(3), c5 CHAR(5), v10 VARCHAR(10), v20 VARCHAR(20), b BOOLEAN, bts BYTES, bin4 BINARY(4),
          dt DATE, tm TIME, ts TIMESTAMP(3), ts6 TIMESTAMP(6), ltz TIMESTAMP_LTZ(3),
          arr ARRAY<INT>, m MAP<STRING, BIGINT>, r ROW<a INT, b STRING>,
          nn_i INT NOT NULL, nn_bi BIGINT NOT NULL, nn_s STRING NOT NULL, nn_d DECIMAL(10, 2) NOT NULL, nn_db DOUBLE NOT NULL,
          pt AS PROCTIME(),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
        ) WITH ('connector' = 'datagen');
        """;

    /// <summary>A catalog with the built-ins and a test table function <c>SPLIT_WORDS(STRING) → ROW&lt;word STRING&gt;</c>.</summary>
    public static InMemoryCatalog Empty()
    {
        var catalog = new InMemoryCatalog();
        catalog.RegisterFunction(new FunctionDefinition("SPLIT_WORDS", FunctionKind.Table,
            [FunctionSignature.Of(ArgumentFamily.Character)],
            _ => DataTypes.Row(DataTypes.Field("word", DataTypes.String())).NotNull()));
        return catalog;
    }

    /// <summary>A catalog holding <see cref="ShippingDdl"/> and <see cref="TypesDdl"/>.</summary>
    public static InMemoryCatalog Standard()
    {
        var catalog = Empty();
        Run(catalog, ShippingDdl);
        Run(catalog, TypesDdl);
        return catalog;
    }

    /// <summary>Executes every statement of a DDL script.</summary>
    public static void Run(InMemoryCatalog catalog, string script)
    {
        foreach (var statement in SqlParser.ParseScript(script))
        {
            Planner.Execute(statement, catalog);
        }
    }
}
