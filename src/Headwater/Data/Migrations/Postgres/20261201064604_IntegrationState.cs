using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Headwater.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntegrationState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Workers",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_ChangedInRead",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_Email",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_ReviewOn",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_Destination_Id",
                table: "SyncRuns");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Groups",
                table: "Groups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_GroupMembers",
                table: "GroupMembers");

            migrationBuilder.DropIndex(
                name: "IX_Changes_WorkerId_Id",
                table: "Changes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Accounts",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Destination_WorkerId",
                table: "Accounts");

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "Workers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "SyncRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationRunId",
                table: "SyncRuns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "ReadRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConnectedAt",
                table: "Integrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DisconnectedAt",
                table: "Integrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextRunAt",
                table: "Integrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "Integrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "Groups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "GroupMembers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "Changes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IntegrationId",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Workers",
                table: "Workers",
                columns: new[] { "IntegrationId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Groups",
                table: "Groups",
                columns: new[] { "IntegrationId", "Destination", "Name" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_GroupMembers",
                table: "GroupMembers",
                columns: new[] { "IntegrationId", "Destination", "Group", "WorkerId" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Accounts",
                table: "Accounts",
                columns: new[] { "IntegrationId", "Destination", "AccountId" });

            migrationBuilder.CreateTable(
                name: "IntegrationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IntegrationId = table.Column<int>(type: "integer", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WorkerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FullRead = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovesRunId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Cause = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrationRuns_Integrations_IntegrationId",
                        column: x => x.IntegrationId,
                        principalTable: "Integrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_ChangedInRead",
                table: "Workers",
                columns: new[] { "IntegrationId", "ChangedInRead" });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_Email",
                table: "Workers",
                columns: new[] { "IntegrationId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_ReviewOn",
                table: "Workers",
                columns: new[] { "IntegrationId", "ReviewOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_IntegrationId_Destination_Id",
                table: "SyncRuns",
                columns: new[] { "IntegrationId", "Destination", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_IntegrationRunId",
                table: "SyncRuns",
                column: "IntegrationRunId");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_IntegrationId_WorkerId_Id",
                table: "Changes",
                columns: new[] { "IntegrationId", "WorkerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_IntegrationId_Destination_WorkerId",
                table: "Accounts",
                columns: new[] { "IntegrationId", "Destination", "WorkerId" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationRuns_IntegrationId_Id",
                table: "IntegrationRuns",
                columns: new[] { "IntegrationId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntegrationRuns");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Workers",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_ChangedInRead",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_Email",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_ReviewOn",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_IntegrationId_Destination_Id",
                table: "SyncRuns");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_IntegrationRunId",
                table: "SyncRuns");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Groups",
                table: "Groups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_GroupMembers",
                table: "GroupMembers");

            migrationBuilder.DropIndex(
                name: "IX_Changes_IntegrationId_WorkerId_Id",
                table: "Changes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Accounts",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_IntegrationId_Destination_WorkerId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "IntegrationRunId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "ReadRuns");

            migrationBuilder.DropColumn(
                name: "ConnectedAt",
                table: "Integrations");

            migrationBuilder.DropColumn(
                name: "DisconnectedAt",
                table: "Integrations");

            migrationBuilder.DropColumn(
                name: "NextRunAt",
                table: "Integrations");

            migrationBuilder.DropColumn(
                name: "Paused",
                table: "Integrations");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "Changes");

            migrationBuilder.DropColumn(
                name: "IntegrationId",
                table: "Accounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Workers",
                table: "Workers",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Groups",
                table: "Groups",
                columns: new[] { "Destination", "Name" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_GroupMembers",
                table: "GroupMembers",
                columns: new[] { "Destination", "Group", "WorkerId" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Accounts",
                table: "Accounts",
                columns: new[] { "Destination", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_ChangedInRead",
                table: "Workers",
                column: "ChangedInRead");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_Email",
                table: "Workers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Workers_ReviewOn",
                table: "Workers",
                column: "ReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_Destination_Id",
                table: "SyncRuns",
                columns: new[] { "Destination", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_WorkerId_Id",
                table: "Changes",
                columns: new[] { "WorkerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Destination_WorkerId",
                table: "Accounts",
                columns: new[] { "Destination", "WorkerId" });
        }
    }
}
