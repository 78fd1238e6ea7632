using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminUiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Changes_RunId",
                table: "Changes");

            migrationBuilder.CreateTable(
                name: "WorkerSearchTerms",
                columns: table => new
                {
                    Term = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WorkerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IntegrationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerSearchTerms", x => new { x.IntegrationId, x.Term, x.WorkerId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_EmployeeNumber",
                table: "Workers",
                columns: new[] { "IntegrationId", "EmployeeNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_State",
                table: "Workers",
                columns: new[] { "IntegrationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_IntegrationId_RunId_Id_Status_Kind_Code",
                table: "Changes",
                columns: new[] { "IntegrationId", "RunId", "Id", "Status", "Kind", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_IntegrationId_WorkerId_Active",
                table: "Accounts",
                columns: new[] { "IntegrationId", "WorkerId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkerSearchTerms_IntegrationId_WorkerId",
                table: "WorkerSearchTerms",
                columns: new[] { "IntegrationId", "WorkerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkerSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_EmployeeNumber",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_State",
                table: "Workers");

            migrationBuilder.DropIndex(
                name: "IX_Changes_IntegrationId_RunId_Id_Status_Kind_Code",
                table: "Changes");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_IntegrationId_WorkerId_Active",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_RunId",
                table: "Changes",
                column: "RunId");
        }
    }
}
