package dev.apfa.advice.history;

import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Past advice. A user sees their own; a financial advisor and above may read anyone's ({@code ?user_id=} to pick
 * whose, their own when absent). Another user's record is a 403, a missing one a 404.
 */
@RestController
@PreAuthorize("hasRole('USER')")
class HistoryController {

    static final int MAX_PAGE_SIZE = 100;

    private final AdviceHistory history;
    private final JsonMapper json;

    HistoryController(AdviceHistory history, JsonMapper json) {
        this.history = history;
        this.json = json;
    }

    record Item(UUID id, UUID userId, Instant createdAt, String query, JsonNode response) {
    }

    record Page(List<Item> items, int page, int size, long total) {
    }

    @GetMapping("/api/advice/history")
    Page list(CurrentUser me, @RequestParam(name = "user_id", required = false) UUID userId,
              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 100_000 || size < 1 || size > MAX_PAGE_SIZE) {
            throw problem(HttpStatus.BAD_REQUEST, "page must be 0 or more and size 1.." + MAX_PAGE_SIZE + ".");
        }
        UUID own = UserIds.of(me.id());
        UUID owner = userId == null ? own : userId;
        if (!owner.equals(own) && !me.hasAtLeast(Role.FINANCIAL_ADVISOR)) {
            throw problem(HttpStatus.FORBIDDEN, "Only financial advisors and above may read another user's advice.");
        }
        List<Item> items = history.page(owner, page, size).stream().map(this::item).toList();
        return new Page(items, page, size, history.count(owner));
    }

    @GetMapping("/api/advice/{id}")
    Item get(CurrentUser me, @PathVariable UUID id) {
        AdviceHistory.Entry entry = history.find(id)
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No advice with this id."));
        if (!entry.userId().equals(UserIds.of(me.id())) && !me.hasAtLeast(Role.FINANCIAL_ADVISOR)) {
            throw problem(HttpStatus.FORBIDDEN, "This advice belongs to another user.");
        }
        return item(entry);
    }

    private Item item(AdviceHistory.Entry entry) {
        return new Item(entry.id(), entry.userId(), entry.createdAt(), entry.query(), json.readTree(entry.responseJson()));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
