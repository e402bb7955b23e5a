package dev.apfa.auth.user;

import dev.apfa.auth.audit.RequestContext;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** /api/admin/users: super_admin only. */
@RestController
@RequestMapping("/api/admin/users")
@PreAuthorize("hasRole('SUPER_ADMIN')")
class UserAdminController {

    private final UserAdminService admin;

    UserAdminController(UserAdminService admin) {
        this.admin = admin;
    }

    record UserPage(List<UserView> items, int page, int size, long total) {
    }

    /** Body of PATCH: either field may be left out. */
    record ChangeRequest(Role role, Boolean disabled) {
    }

    @GetMapping
    UserPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var result = admin.list(page, size);
        return new UserPage(result.getContent(), page, size, result.getTotalElements());
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return admin.get(id);
    }

    @PatchMapping("/{id}")
    UserView change(@PathVariable UUID id, @RequestBody ChangeRequest body, CurrentUser caller, HttpServletRequest request) {
        return admin.change(id, new UserAdminService.Change(body.role(), body.disabled()), caller, RequestContext.of(request));
    }
}
