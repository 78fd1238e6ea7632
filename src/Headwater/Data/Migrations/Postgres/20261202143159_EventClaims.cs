using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "Events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClaimedUntil",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_IntegrationId_Destination_WorkerId_Id",
                table: "Events",
                columns: new[] { "IntegrationId", "Destination", "WorkerId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_IntegrationId_Destination_WorkerId_Id",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "Events");
        }
    }
}
